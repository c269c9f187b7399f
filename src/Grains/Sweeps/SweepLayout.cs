using System.Collections.Concurrent;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;

namespace Mentia.Grains.Sweeps;

/// <summary>
/// A sweep's spec expanded once: its replicas by key, its cells and lines by grain key, its evaluation
/// chunk partitions. Grains look things up here instead of expanding the grid (thousands of cells, each activating
/// a grain) again and again.
/// </summary>
public sealed class SweepLayout
{
    public SweepLayout(string sweepId, string specText, SweepSpec spec)
    {
        SpecText = specText;
        Spec = spec;
        Jobs = SweepGrid.TrainingJobs(spec);
        JobsByKey = Jobs.ToDictionary(j => j.Key);
        GridIndex = Jobs.Select((j, i) => (j.Key, i)).ToDictionary(x => x.Key, x => x.i);
        CellsByKey = SweepGrid.Cells(spec).ToDictionary(c => GrainKeys.Cell(sweepId, c));
        LinesByKey = CellsByKey.Values.GroupBy(c => GrainKeys.Line(sweepId, c.Architecture, c.TrainRate))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Cell>)g.ToList());
        JobsByPoint = Jobs.GroupBy(j => (j.Architecture, j.TrainRate, j.Size))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TrainingJob>)g.ToList());
    }

    public string SpecText { get; }
    public SweepSpec Spec { get; }
    public IReadOnlyList<TrainingJob> Jobs { get; }
    public IReadOnlyDictionary<string, TrainingJob> JobsByKey { get; }
    /// <summary>Each replica's position in the grid: executors group queued replicas into ensembles in this order.</summary>
    public IReadOnlyDictionary<string, int> GridIndex { get; }
    public IReadOnlyDictionary<string, Cell> CellsByKey { get; }
    /// <summary>Each line's cells, by line grain key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Cell>> LinesByKey { get; }
    /// <summary>The replicas of each (architecture, p_t, N): the runs every cell of that point collects.</summary>
    public IReadOnlyDictionary<(Architecture, double, int), IReadOnlyList<TrainingJob>> JobsByPoint { get; }

    /// <summary>The sweep's p_e values split into <paramref name="count"/> evaluation chunks.</summary>
    public IReadOnlyList<double[]> Chunks(int count) => _chunks.GetOrAdd(count, c => EvaluationChunks.Split(Spec.EvalRates, c));

    private readonly ConcurrentDictionary<int, IReadOnlyList<double[]>> _chunks = new();
}

/// <summary>One <see cref="SweepLayout"/> per sweep per silo, built from the spec the sweep grain holds.</summary>
public sealed class SweepLayouts(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<SweepLayout>>> _layouts = new();

    public Task<SweepLayout> GetAsync(string sweepId) =>
        _layouts.GetOrAdd(sweepId, id => new Lazy<Task<SweepLayout>>(() => LoadAsync(id))).Value;

    /// <summary>For the sweep grain itself, which holds the spec text.</summary>
    public SweepLayout Get(string sweepId, string specText) =>
        _layouts.GetOrAdd(sweepId, id => new Lazy<Task<SweepLayout>>(() => Task.FromResult(Build(id, specText)))).Value.Result;

    private async Task<SweepLayout> LoadAsync(string sweepId)
    {
        var text = await grains.GetGrain<ISweepGrain>(sweepId).GetSpecText();
        if (text is null)
        {
            _layouts.TryRemove(sweepId, out _); // not submitted yet: do not cache the failure
            throw new InvalidOperationException($"sweep {sweepId} has no spec");
        }
        return Build(sweepId, text);
    }

    private SweepLayout Build(string sweepId, string text) => new(sweepId, text, SpecReader.Parse(text, sweepId));
}
