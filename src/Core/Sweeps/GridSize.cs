using Mentia.Core.Specs;

namespace Mentia.Core.Sweeps;

/// <summary>
/// How big a sweep is, computed from the lengths of its lists alone, never by expanding them: a grid of a
/// billion runs is measured in microseconds and refused (<see cref="SpecLimits"/>) before anything is
/// built from it. Counts are doubles so no product of list lengths can overflow; below 2^53 they are exact.
/// </summary>
public readonly record struct GridSize(double Runs, double Cells, double EvaluationPasses, double SampleEpochs)
{
    /// <summary>The size of <paramref name="spec"/>'s grid.</summary>
    public static GridSize Of(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Of(spec.Widths.Count, spec.Depths.Count, spec.TrainRates.Count, spec.EvalRates.Count, spec.Sizes, spec.Replicas, spec.Passes, spec.Training.MaxEpochs);
    }

    /// <summary>
    /// The size of a grid of the given list lengths. <see cref="SampleEpochs"/> is the training cost's upper
    /// bound: every run sees its N images once per epoch for at most maxEpochs epochs (early stopping ends
    /// most runs sooner).
    /// </summary>
    public static GridSize Of(int widths, int depths, int trainRates, int evalRates, IReadOnlyList<int> sizes, int replicas, int passes, int maxEpochs)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        double lines = (double)widths * depths * trainRates;
        double runs = lines * sizes.Count * replicas;
        double cells = lines * evalRates * sizes.Count;
        double samples = 0;
        foreach (var n in sizes)
        {
            samples += n;
        }
        return new GridSize(runs, cells, runs * evalRates * passes, lines * replicas * samples * maxEpochs);
    }
}
