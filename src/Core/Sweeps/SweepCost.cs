using Mentia.Core.Specs;

namespace Mentia.Core.Sweeps;

/// <summary>
/// The least work a spec can take, in FLOPs (<see cref="WorkCost"/>): evaluation exactly (runs x p_e x passes, as
/// the evaluator computes it), training at its least (early stopping ends a run at the earliest after 1 +
/// training.earlyStopPatience epochs, and at most after training.maxEpochs). A lower bound, never an estimate: a
/// grid whose lower bound exceeds a budget cannot meet it; one whose lower bound fits may still not (how many
/// epochs early stopping takes is only known by training; `mentia run` measures it as it goes).
/// </summary>
public sealed record SweepCost(double TrainingFlops, double EvaluationFlops)
{
    /// <summary>Both parts together.</summary>
    public double TotalFlops => TrainingFlops + EvaluationFlops;

    /// <summary>The fewest epochs a run can train: the first sets the best loss, then earlyStopPatience epochs without a better one.</summary>
    public static int MinimumEpochs(TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Math.Min(settings.MaxEpochs, 1 + settings.EarlyStopPatience);
    }

    /// <summary>The lower bound of <paramref name="spec"/>'s work, counted from the grid's lists (nothing expanded).</summary>
    public static SweepCost LowerBound(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int minEpochs = MinimumEpochs(spec.Training);
        double training = 0, evaluation = 0;
        foreach (var width in spec.Widths)
        foreach (var depth in spec.Depths)
        {
            var architecture = new Architecture(width, depth);
            // Runs per architecture and N: p_t x replicas; the epoch's cost depends on N only (and the architecture).
            double runsPerSize = (double)spec.TrainRates.Count * spec.Replicas;
            foreach (var n in spec.Sizes)
            {
                var run = new TrainingRun(architecture, 0, n, 0, 0);
                training += runsPerSize * minEpochs * WorkCost.Epoch(run, spec.Training);
            }
            evaluation += runsPerSize * spec.Sizes.Count * WorkCost.EvaluationAsComputed(architecture, spec.EvalRates.Count, spec.Passes);
        }
        return new SweepCost(training, evaluation);
    }

    /// <summary>Hours this work takes at least on <paramref name="budget"/>'s hardware (all devices busy all the time).</summary>
    public double Hours(BudgetSettings budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return TotalFlops / (budget.Gflops * 1e9 * budget.Devices) / 3600;
    }
}
