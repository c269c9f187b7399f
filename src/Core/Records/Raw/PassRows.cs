using Mentia.Core.Sweeps;

namespace Mentia.Core.Records.Raw;

/// <summary>The pass rows of one run's evaluation.</summary>
public static class PassRows
{
    /// <summary>One row per (p_e, pass) of <paramref name="result"/>, in p_e then pass order (a cluster chunk holds every pass of its rates).</summary>
    public static IEnumerable<PassRow> Of(TrainingRun run, EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var rate in result.Rates)
        {
            for (int k = 0; k < rate.Losses.Length; k++)
            {
                yield return new PassRow
                {
                    Width = run.Architecture.Width, Depth = run.Architecture.Depth, TrainRate = run.TrainRate, Size = run.Size,
                    Replica = run.Replica, EvalRate = rate.EvalRate, Pass = k, Loss = rate.Losses[k], Accuracy = rate.Accuracies[k],
                };
            }
        }
    }
}
