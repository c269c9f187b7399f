using Mentia.Analysis.Statistics;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Mentia.Grains.Sweeps;

namespace Mentia.Grains.Aggregates;

/// <summary>
/// One cell's ensemble. Keeps every run's per-pass values (so statistics can be recomputed exactly after
/// a restart), counts a run once however often it is delivered, and pushes each new snapshot to its line.
/// </summary>
public sealed class CellAggregateGrain(
    [PersistentState("cell", MentiaStorage.GrainState)] IPersistentState<CellGrainState> state,
    SweepLayouts layouts) : Grain, ICellAggregateGrain
{
    private CellAccumulator _accumulator = new();
    private SweepSpec? _spec;
    private Cell _cell;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var layout = await layouts.GetAsync(GrainKeys.SweepOf(key));
        _spec = layout.Spec;
        _cell = layout.CellsByKey[key];
        _accumulator = new CellAccumulator(state.State.Runs.Select(r => KeyValuePair.Create(r.Key, new RunPasses(r.Value.Losses, r.Value.Accuracies))));
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<bool> Record(CellRecord record)
    {
        if (!_accumulator.Record(record.RunKey, record.Losses, record.Accuracies))
        {
            return false;
        }
        state.State.Runs[record.RunKey] = new StoredRun { Losses = record.Losses, Accuracies = record.Accuracies };
        await state.WriteStateAsync();
        var line = GrainFactory.GetGrain<ILineAggregateGrain>(GrainKeys.Line(GrainKeys.SweepOf(this.GetPrimaryKeyString()), _cell.Architecture, _cell.TrainRate));
        await line.UpdateCell(_cell.EvalRate, _cell.Size, Snapshot());
        return true;
    }

    public Task<CellStatistics?> GetStatistics() => Task.FromResult(_accumulator.RunCount == 0 ? null : Snapshot());

    private CellStatistics Snapshot() => _accumulator.Snapshot(_spec!.Analysis.BootstrapResamples,
        Seeds.Cell(_spec.Seed, _cell.Architecture.Width, _cell.Architecture.Depth, _cell.TrainRate, _cell.EvalRate, _cell.Size));
}

[GenerateSerializer, Alias("mentia.CellGrainState")]
public sealed class CellGrainState
{
    [Id(0)] public Dictionary<string, StoredRun> Runs { get; set; } = [];
}

[GenerateSerializer, Alias("mentia.StoredRun")]
public sealed class StoredRun
{
    [Id(0)] public double[] Losses { get; set; } = [];
    [Id(1)] public double[] Accuracies { get; set; } = [];
}
