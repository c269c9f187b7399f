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
        Runs = SweepGrid.Runs(spec);
        RunsByKey = Runs.ToDictionary(j => j.Key);
        GridIndex = Runs.Select((j, i) => (j.Key, i)).ToDictionary(x => x.Key, x => x.i);
        CellsByKey = SweepGrid.Cells(spec).ToDictionary(c => GrainKeys.Cell(sweepId, c));
        LinesByKey = CellsByKey.Values.GroupBy(c => GrainKeys.Line(sweepId, c.Architecture, c.TrainRate))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Cell>)g.ToList());
        RunsByPoint = Runs.GroupBy(j => (j.Architecture, j.TrainRate, j.Size))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TrainingRun>)g.ToList());
        RateIndex = spec.EvalRates.Select((p, i) => (Key: CellKeys.Rate(p), i)).ToDictionary(x => x.Key, x => x.i);
    }

    public string SpecText { get; }
    public SweepSpec Spec { get; }
    public IReadOnlyList<TrainingRun> Runs { get; }
    public IReadOnlyDictionary<string, TrainingRun> RunsByKey { get; }
    /// <summary>Each replica's position in the grid: executors group queued replicas into ensembles in this order.</summary>
    public IReadOnlyDictionary<string, int> GridIndex { get; }
    public IReadOnlyDictionary<string, Cell> CellsByKey { get; }
    /// <summary>Each line's cells, by line grain key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Cell>> LinesByKey { get; }
    /// <summary>The runs of each (architecture, p_t, N): the runs every cell of that point collects.</summary>
    public IReadOnlyDictionary<(Architecture, double, int), IReadOnlyList<TrainingRun>> RunsByPoint { get; }
    /// <summary>Each p_e's position in the spec's list, by its rate key (<see cref="CellKeys.Rate"/>): how cells find their evaluation chunk.</summary>
    public IReadOnlyDictionary<string, int> RateIndex { get; }

    /// <summary>The sweep's p_e values split into <paramref name="count"/> evaluation chunks.</summary>
    public IReadOnlyList<double[]> Chunks(int count) => _chunks.GetOrAdd(count, c => EvaluationChunks.Split(Spec.EvalRates, c));

    private readonly ConcurrentDictionary<int, IReadOnlyList<double[]>> _chunks = new();
}
