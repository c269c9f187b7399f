using Mentia.Analysis.Lines;
using Mentia.Analysis.Statistics;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;

namespace Mentia.Grains.Aggregates;

/// <summary>
/// One p_t line: the latest statistics of its cells, and the line's analysis recomputed when asked for
/// and stale (at most once per debounce interval, so a burst of arriving results costs one fit).
/// </summary>
public sealed class LineAggregateGrain(
    [PersistentState("line", MentiaStorage.GrainState)] IPersistentState<LineGrainState> state) : Grain, ILineAggregateGrain
{
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
        var text = await GrainFactory.GetGrain<ISweepGrain>(sweepId).GetSpecText()
            ?? throw new InvalidOperationException($"line {key}: sweep {sweepId} has no spec");
        _spec = SpecReader.Parse(text, sweepId);
        (_architecture, _trainRate) = SweepGrid.Cells(_spec).Select(c => (c.Architecture, c.TrainRate))
            .First(l => GrainKeys.Line(sweepId, l.Architecture, l.TrainRate) == key);
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task UpdateCell(double evalRate, int size, CellStatistics statistics)
    {
        var key = CellKey(evalRate, size);
        // Snapshots only grow: an older one arriving late must not replace a newer one.
        if (state.State.Cells.TryGetValue(key, out var known) && known.Statistics.Runs >= statistics.Runs)
        {
            return;
        }
        state.State.Cells[key] = new CellResult(_architecture.Width, _architecture.Depth, _trainRate, evalRate, size, statistics);
        _stale = true;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<CellResult>> GetCells() =>
        Task.FromResult<IReadOnlyList<CellResult>>(state.State.Cells.Values.OrderBy(c => c.EvalRate).ThenBy(c => c.Size).ToList());

    public Task<LineResult> GetAnalysis(bool allowStale)
    {
        if (_analysis is null || (_stale && (!allowStale || DateTimeOffset.UtcNow - _analysedAt >= Debounce)))
        {
            _analysis = SweepAnalyzer.AnalyzeLine(_spec!, _architecture, _trainRate, state.State.Cells.Values);
            _analysedAt = DateTimeOffset.UtcNow;
            _stale = false;
        }
        return Task.FromResult(_analysis);
    }

    private static string CellKey(double evalRate, int size) => $"{CellKeys.Rate(evalRate)}|{size}";
}

[GenerateSerializer, Alias("mentia.LineGrainState")]
public sealed class LineGrainState
{
    /// <summary>Latest statistics per (p_e, N); CellResult travels as JSON (Mentia.Analysis type).</summary>
    [Id(0)] public Dictionary<string, CellResult> Cells { get; set; } = [];
}
