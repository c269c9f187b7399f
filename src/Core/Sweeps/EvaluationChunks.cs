namespace Mentia.Core.Sweeps;

/// <summary>
/// How one trained model's p_e values are split into evaluation chunks. A replica's chunk count is fixed
/// when its evaluation is first dispatched and stored with it, so the same partition (and the same result
/// records) come back after a restart, whatever the cluster looks like by then.
/// </summary>
public static class EvaluationChunks
{
    /// <summary>
    /// <paramref name="count"/> contiguous chunks in grid order, sizes differing by at most one (larger first);
    /// the count is clamped to [1, number of rates].
    /// </summary>
    public static IReadOnlyList<double[]> Split(IReadOnlyList<double> rates, int count)
    {
        ArgumentNullException.ThrowIfNull(rates);
        if (rates.Count == 0)
        {
            return [];
        }
        count = Math.Clamp(count, 1, rates.Count);
        var chunks = new List<double[]>(count);
        int start = 0;
        for (int c = 0; c < count; c++)
        {
            int size = rates.Count / count + (c < rates.Count % count ? 1 : 0);
            chunks.Add(rates.Skip(start).Take(size).ToArray());
            start += size;
        }
        return chunks;
    }

    /// <summary>
    /// How many chunks to split a model's evaluation into on a cluster of <paramref name="silos"/> silos:
    /// one per silo, so every device can take a share, and never more than there are rates. On one silo
    /// that is one chunk, which computes the model's dropout-free first layer once instead of per chunk.
    /// </summary>
    public static int CountFor(int silos, int rates) => Math.Clamp(silos, 1, Math.Max(1, rates));
}
