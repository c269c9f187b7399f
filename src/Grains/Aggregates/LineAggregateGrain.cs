using Mentia.Analysis.Lines;
using Mentia.Analysis.Statistics;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Mentia.Grains.Sweeps;

namespace Mentia.Grains.Aggregates;

/// <summary>
/// One p_t line: the latest statistics of its cells, and the line's analysis recomputed when asked for
/// and stale (at most once per debounce interval, so a burst of arriving results costs one fit). Nothing
/// is stored: the cells hold the runs, and a line coming back after a restart asks them again.
/// </summary>
public sealed class LineAggregateGrain(SweepLayouts layouts) : Grain, ILineAggregateGrain
{
    private readonly Dictionary<string, CellResult> _cells = [];
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(1);
    private SweepSpec? _spec;
    private Architecture _architecture;
    private double _trainRate;
    private LineResult? _analysis;
    private DateTimeOffset _analysedAt;
    private bool _stale = true;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var sweepId = GrainKeys.SweepOf(key);
        var layout = await layouts.GetAsync(sweepId);
        _spec = layout.Spec;
        var cells = layout.LinesByKey[key];
        (_architecture, _trainRate) = (cells[0].Architecture, cells[0].TrainRate);
        var stats = await Task.WhenAll(cells.Select(c => GrainFactory.GetGrain<ICellAggregateGrain>(GrainKeys.Cell(sweepId, c)).GetStatistics()));
        for (int i = 0; i < cells.Count; i++)
        {
            if (stats[i] is { } s)
            {
                Put(cells[i].EvalRate, cells[i].Size, s);
            }
        }
        await base.OnActivateAsync(cancellationToken);
    }

    public Task UpdateCell(double evalRate, int size, CellStatistics statistics)
    {
        Put(evalRate, size, statistics);
        return Task.CompletedTask;
    }

    private void Put(double evalRate, int size, CellStatistics statistics)
    {
        var key = CellKey(evalRate, size);
        // Snapshots only grow: an older one arriving late must not replace a newer one.
        if (_cells.TryGetValue(key, out var known) && known.Statistics.Runs >= statistics.Runs)
        {
            return;
        }
        _cells[key] = new CellResult(_architecture.Width, _architecture.Depth, _trainRate, evalRate, size, statistics);
        _stale = true;
    }

    public Task<IReadOnlyList<CellResult>> GetCells() =>
        Task.FromResult<IReadOnlyList<CellResult>>(_cells.Values.OrderBy(c => c.EvalRate).ThenBy(c => c.Size).ToList());

    public Task<LineResult> GetAnalysis(bool allowStale)
    {
        if (_analysis is null || (_stale && (!allowStale || DateTimeOffset.UtcNow - _analysedAt >= Debounce)))
        {
            _analysis = SweepAnalyzer.AnalyzeLine(_spec!, _architecture, _trainRate, _cells.Values);
            _analysedAt = DateTimeOffset.UtcNow;
            _stale = false;
        }
        return Task.FromResult(_analysis);
    }

    private static string CellKey(double evalRate, int size) => $"{CellKeys.Rate(evalRate)}|{size}";
}
