using Mentia.Analysis.Statistics;
using Mentia.Core.Records.Raw;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;

namespace Mentia.Analysis.Sweeps;

/// <summary>
/// Cell statistics recomputed from the exported pass rows alone, through the same accumulator and seeded bootstrap
/// the runners use (<see cref="CellSnapshot"/>): the proof that the raw data suffice to rebuild every cell.
/// </summary>
public static class RawCells
{
    /// <summary>
    /// Every cell the rows touch, in the export's order (width, depth, p_t, p_e, N). Each replica's passes are taken
    /// in pass order and keyed by its run key (<see cref="TrainingRun.Key"/>), whose ordinal order the bootstrap visits.
    /// </summary>
    public static IReadOnlyList<CellResult> Recompute(SweepSpec spec, IEnumerable<PassRow> passes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(passes);
        var cells = new Dictionary<Cell, CellAccumulator>();
        foreach (var run in passes.GroupBy(p => (p.Width, p.Depth, p.TrainRate, p.EvalRate, p.Size, p.Replica)))
        {
            var (w, d, pt, pe, n, replica) = run.Key;
            var cell = new Cell(new Architecture(w, d), pt, pe, n);
            if (!cells.TryGetValue(cell, out var acc))
            {
                cells[cell] = acc = new CellAccumulator();
            }
            var ordered = run.OrderBy(p => p.Pass).ToArray();
            // The seed does not enter the key: the key only orders the runs, as it does in both runners.
            var key = new TrainingRun(cell.Architecture, pt, n, replica, 0).Key;
            acc.Record(key, ordered.Select(p => p.Loss).ToArray(), ordered.Select(p => p.Accuracy).ToArray());
        }
        return cells.OrderBy(c => c.Key.Architecture.Width).ThenBy(c => c.Key.Architecture.Depth)
            .ThenBy(c => c.Key.TrainRate).ThenBy(c => c.Key.EvalRate).ThenBy(c => c.Key.Size)
            .Select(c => CellSnapshot.Result(spec, c.Key, c.Value))
            .ToList();
    }
}
