using System.Globalization;
using Mentia.Core.Sweeps;

namespace Mentia.Core.Specs;

/// <summary>
/// The total-grid limits (<see cref="SpecLimits.MaxRuns"/>, <see cref="SpecLimits.MaxCells"/>,
/// <see cref="SpecLimits.MaxEvaluationPasses"/>), checked from the lengths of the spec's lists before
/// anything is expanded. Every list can be within its own range while their product is not: 1,000 sizes
/// x 1,000 p_t x 1,000 replicas is a billion runs, and expanding it took 8 GB before anything said no.
/// </summary>
internal static class SpecGridLimits
{
    /// <summary>The problem with a grid of these list lengths, with its projected cost, or null when it is within every limit.</summary>
    public static SpecError? Check(int widths, int depths, int trainRates, int evalRates, IReadOnlyList<int> sizes, int replicas, int passes, int maxEpochs)
    {
        var size = GridSize.Of(widths, depths, trainRates, evalRates, sizes, replicas, passes, maxEpochs);
        var over = new List<string>();
        if (size.Runs > SpecLimits.MaxRuns)
        {
            over.Add($"{Count(size.Runs)} training runs (model.widths {Count(widths)} x model.depths {Count(depths)} x dropout.p_t {Count(trainRates)} x N {Count(sizes.Count)} x replicas {Count(replicas)}) exceed the limit of {Count(SpecLimits.MaxRuns)}");
        }
        if (size.Cells > SpecLimits.MaxCells)
        {
            over.Add($"{Count(size.Cells)} cells (model.widths {Count(widths)} x model.depths {Count(depths)} x dropout.p_t {Count(trainRates)} x dropout.p_e {Count(evalRates)} x N {Count(sizes.Count)}) exceed the limit of {Count(SpecLimits.MaxCells)}");
        }
        if (size.EvaluationPasses > SpecLimits.MaxEvaluationPasses)
        {
            over.Add($"{Count(size.EvaluationPasses)} evaluation passes (training runs x dropout.p_e {Count(evalRates)} x passes {Count(passes)}) exceed the limit of {Count(SpecLimits.MaxEvaluationPasses)}");
        }
        if (over.Count == 0)
        {
            return null;
        }
        return new SpecError("(grid)",
            $"the sweep is too large: {string.Join("; ", over)}. Projected cost: {Count(size.Runs)} training runs, {Count(size.EvaluationPasses)} evaluation passes, " +
            $"{Count(size.Cells)} cells, up to {Count(size.SampleEpochs)} sample-epochs of training (each run's N x training.maxEpochs {Count(maxEpochs)}). " +
            "Shorten these lists or lower replicas/passes, or split the study into several sweeps");
    }

    /// <summary>Thousands separators while the number reads as one; scientific beyond (a count of 30 digits says nothing more).</summary>
    private static string Count(double x) =>
        x < 1e15 ? x.ToString("N0", CultureInfo.InvariantCulture) : x.ToString("0.##e+0", CultureInfo.InvariantCulture);
}
