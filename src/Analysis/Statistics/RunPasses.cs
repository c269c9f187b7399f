namespace Mentia.Analysis.Statistics;

/// <summary>
/// The evaluation passes of one trained model at one cell: per pass, the mean test loss and the
/// accuracy. Plain data so that a grain can persist an accumulator as a dictionary of these.
/// </summary>
public sealed record RunPasses
{
    public RunPasses(IReadOnlyList<double> losses, IReadOnlyList<double> accuracies)
    {
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentNullException.ThrowIfNull(accuracies);
        if (losses.Count == 0)
        {
            throw new ArgumentException("a run needs at least one evaluation pass", nameof(losses));
        }
        if (losses.Count != accuracies.Count)
        {
            throw new ArgumentException($"a run has {losses.Count} losses but {accuracies.Count} accuracies; one of each per pass", nameof(accuracies));
        }
        for (int i = 0; i < losses.Count; i++)
        {
            if (!double.IsFinite(losses[i]) || !double.IsFinite(accuracies[i]))
            {
                throw new ArgumentException($"pass {i} has a non-finite loss or accuracy ({losses[i]}, {accuracies[i]})");
            }
        }
        // Copies: the caller's lists may be reused buffers, and the record must not change under us.
        Losses = losses.ToArray();
        Accuracies = accuracies.ToArray();
    }

    public IReadOnlyList<double> Losses { get; }
    public IReadOnlyList<double> Accuracies { get; }

    public int Count => Losses.Count;
}
