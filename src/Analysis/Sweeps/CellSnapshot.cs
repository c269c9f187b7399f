using Mentia.Analysis.Statistics;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;

namespace Mentia.Analysis.Sweeps;

/// <summary>
/// A cell's statistics as the sweep reports them: the accumulator's runs bootstrapped with the spec's
/// resample count and the cell's own seed (derived from the sweep seed and the cell's coordinates). Both
/// runners (`mentia run` and the cluster's cell aggregates) take their snapshots here, which is why they print
/// the same numbers.
/// </summary>
public static class CellSnapshot
{
    public static CellStatistics Of(SweepSpec spec, Cell cell, CellAccumulator runs) =>
        runs.Snapshot(spec.Analysis.BootstrapResamples,
            Seeds.Cell(spec.Seed, cell.Architecture.Width, cell.Architecture.Depth, cell.TrainRate, cell.EvalRate, cell.Size));

    public static CellResult Result(SweepSpec spec, Cell cell, CellAccumulator runs) =>
        new(cell.Architecture.Width, cell.Architecture.Depth, cell.TrainRate, cell.EvalRate, cell.Size, Of(spec, cell, runs));
}
