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
            int size = SizeOf(c, rates.Count, count);
            chunks.Add(rates.Skip(start).Take(size).ToArray());
            start += size;
        }
        return chunks;
    }

    /// <summary>How many of <paramref name="rates"/> p_e values chunk <paramref name="chunk"/> of <paramref name="count"/> holds (the partition of <see cref="Split"/>).</summary>
    public static int SizeOf(int chunk, int rates, int count)
    {
        count = Math.Clamp(count, 1, Math.Max(1, rates));
        return rates / count + (chunk < rates % count ? 1 : 0);
    }

    /// <summary>
    /// Which of <paramref name="count"/> chunks holds the p_e at position <paramref name="rateIndex"/> of the
    /// sweep's list: rates are found by their index, never by comparing doubles.
    /// </summary>
    public static int IndexOf(int rateIndex, int rates, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rateIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rateIndex, rates);
        count = Math.Clamp(count, 1, rates);
        int large = rates / count + 1, largeChunks = rates % count;
        return rateIndex < large * largeChunks ? rateIndex / large : largeChunks + (rateIndex - large * largeChunks) / (rates / count);
    }

    /// <summary>
    /// How many chunks to split a model's evaluation into on a cluster of <paramref name="silos"/> silos:
    /// one per silo, so every device can take a share, and never more than there are rates. On one silo
    /// that is one chunk, which computes the model's dropout-free first layer once instead of per chunk.
    /// </summary>
    public static int CountFor(int silos, int rates) => Math.Clamp(silos, 1, Math.Max(1, rates));
}
