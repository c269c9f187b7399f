using System.Globalization;
using Mentia.Core.Specs;

namespace Mentia.Core.Sweeps;

/// <summary>A network architecture: depth hidden layers of width units.</summary>
public readonly record struct Architecture(int Width, int Depth)
{
    public override string ToString() => $"w{Width}d{Depth}";
}

/// <summary>One training run: a replica of (architecture, p_t, N), with its derived seed.</summary>
public sealed record TrainingRun(Architecture Architecture, double TrainRate, int Size, int Replica, ulong Seed)
{
    /// <summary>Stable, human-readable key, also the blob path stem of the weights: w100d2/pt0.300/N1000/r3.</summary>
    public string Key => $"{CellKeys.Line(Architecture, TrainRate)}/N{Size}/r{Replica}";
}

/// <summary>One phase-diagram cell (width, depth, p_t, p_e, N).</summary>
public readonly record struct Cell(Architecture Architecture, double TrainRate, double EvalRate, int Size);

/// <summary>Expands a spec into its training runs and its cells.</summary>
public static class SweepGrid
{
    public static IReadOnlyList<TrainingRun> Runs(SweepSpec spec)
    {
        var jobs = new List<TrainingRun>();
        foreach (var width in spec.Widths)
        foreach (var depth in spec.Depths)
        foreach (var pt in spec.TrainRates)
        foreach (var n in spec.Sizes)
        for (int r = 0; r < spec.Replicas; r++)
        {
            jobs.Add(new TrainingRun(new Architecture(width, depth), pt, n, r, Seeds.Training(spec.Seed, width, depth, pt, n, r)));
        }
        return jobs;
    }

    public static IReadOnlyList<Cell> Cells(SweepSpec spec)
    {
        var cells = new List<Cell>();
        foreach (var width in spec.Widths)
        foreach (var depth in spec.Depths)
        foreach (var pt in spec.TrainRates)
        foreach (var pe in spec.EvalRates)
        foreach (var n in spec.Sizes)
        {
            cells.Add(new Cell(new Architecture(width, depth), pt, pe, n));
        }
        return cells;
    }

    /// <summary>Evaluation passes the whole sweep performs: runs x p_e x m.</summary>
    public static long EvaluationPasses(SweepSpec spec) =>
        (long)spec.Widths.Count * spec.Depths.Count * spec.TrainRates.Count * spec.Sizes.Count * spec.Replicas * spec.EvalRates.Count * spec.Passes;
}
