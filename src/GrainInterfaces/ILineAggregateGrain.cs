using Mentia.Analysis.Lines;
using Mentia.Analysis.Statistics;
using Mentia.Analysis.Sweeps;

namespace Mentia.GrainInterfaces;

/// <summary>
/// One p_t line of one architecture (key: sweep|w64d2/pt0.300): the latest statistics of its cells and
/// the line's analysis (alpha per p_e, crossing, FSS), recomputed on demand at most once per debounce interval.
/// </summary>
[Alias("mentia.ILineAggregateGrain")]
public interface ILineAggregateGrain : IGrainWithStringKey
{
    /// <summary>
    /// A cell's latest statistics (an older snapshot than the one held is ignored). Awaited by the cell, which the
    /// result delivery awaits before it tells the sweep a chunk is done: once a sweep says done, every line holds
    /// every replica (a one-way push could still be in flight, or lost, when a reader saw the end).
    /// </summary>
    [Alias("UpdateCell")]
    Task UpdateCell(double evalRate, int size, CellStatistics statistics);

    [Alias("GetCells")]
    Task<IReadOnlyList<CellResult>> GetCells();

    /// <summary>The line's analysis; with <paramref name="allowStale"/> a result up to one debounce interval old may come back.</summary>
    [Alias("GetAnalysis")]
    Task<LineResult> GetAnalysis(bool allowStale);
}
