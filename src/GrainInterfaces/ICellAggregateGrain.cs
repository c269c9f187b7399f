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
    /// <summary>
    /// Records one run's passes and tells the cell's line (awaited); false when that run was already counted, in which
    /// case the line is told again all the same (a delivery retried because the line could not be told).
    /// </summary>
    [Alias("Record")]
    Task<bool> Record(CellRecord record);

    /// <summary>
    /// The statistics now, or null before the first run arrives. Interleaves with <see cref="Record"/>: a line
    /// activating asks its cells while one of them may be inside Record, awaiting that same line's UpdateCell.
    /// </summary>
    [Alias("GetStatistics")]
    [AlwaysInterleave]
    Task<CellStatistics?> GetStatistics();

    /// <summary>Every recorded run's passes (run key to losses and accuracies): the raw data behind the statistics.</summary>
    [Alias("GetPasses")]
    Task<IReadOnlyDictionary<string, RunPasses>> GetPasses();
}
