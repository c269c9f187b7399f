using Mentia.Analysis.Lines;
using Mentia.Analysis.Statistics;
using Mentia.Analysis.Sweeps;
using Orleans.Concurrency;

namespace Mentia.GrainInterfaces;

/// <summary>
/// One phase-diagram cell's ensemble (key: sweep|w64d2/pt0.300/pe0.500/N1000). Recording is keyed by
/// the training run, so a result delivered twice (a retried chunk, a retrained replica) counts once.
/// </summary>
[Alias("mentia.ICellAggregateGrain")]
public interface ICellAggregateGrain : IGrainWithStringKey
{
    /// <summary>Records one run's passes; false when that run was already counted.</summary>
    [Alias("Record")]
    Task<bool> Record(CellRecord record);

    /// <summary>The statistics now, or null before the first run arrives.</summary>
    [Alias("GetStatistics")]
    Task<CellStatistics?> GetStatistics();
}

/// <summary>
/// One p_t line of one architecture (key: sweep|w64d2/pt0.300): the latest statistics of its cells and
/// the line's analysis (alpha per p_e, crossing, FSS), recomputed on demand at most once per debounce interval.
/// </summary>
[Alias("mentia.ILineAggregateGrain")]
public interface ILineAggregateGrain : IGrainWithStringKey
{
    [Alias("UpdateCell")]
    [OneWay]
    Task UpdateCell(double evalRate, int size, CellStatistics statistics);

    [Alias("GetCells")]
    Task<IReadOnlyList<CellResult>> GetCells();

    /// <summary>The line's analysis; with <paramref name="allowStale"/> a result up to one debounce interval old may come back.</summary>
    [Alias("GetAnalysis")]
    Task<LineResult> GetAnalysis(bool allowStale);
}

/// <summary>A whole sweep's results and phase diagram as of now (key: sweep id), assembled from its lines.</summary>
[Alias("mentia.ISweepAnalysisGrain")]
public interface ISweepAnalysisGrain : IGrainWithStringKey
{
    [Alias("GetResults")]
    Task<SweepResults> GetResults();
}
