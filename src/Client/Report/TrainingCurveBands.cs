using Mentia.Core.Records.Raw;

namespace Mentia.Client.Report;

/// <summary>
/// The validation-loss curves of one (architecture, p_t, N) summarised over its replicas: at each epoch the median
/// and the 25 % and 75 % quantiles over the runs still training at that epoch (early stopping ends runs at different
/// epochs, so the count can fall with the epoch; <see cref="Runs"/> says how many there were at each).
/// </summary>
internal sealed record TrainingCurveBands(int Size, int Replicas, double[] Epochs, double[] Median, double[] Low, double[] High, int[] Runs)
{
    /// <summary>One band per N of the rows (one line's curves), in N order.</summary>
    public static IReadOnlyList<TrainingCurveBands> Of(IEnumerable<EpochRow> rows) =>
        rows.GroupBy(r => r.Size).OrderBy(g => g.Key).Select(g =>
        {
            var epochs = g.GroupBy(r => r.Epoch).OrderBy(e => e.Key).ToArray();
            var values = epochs.Select(e => e.Select(r => r.ValidationLoss).Where(double.IsFinite).Order().ToArray()).ToArray();
            return new TrainingCurveBands(g.Key, g.Select(r => r.Replica).Distinct().Count(),
                epochs.Select(e => (double)e.Key).ToArray(),
                values.Select(v => Quantile(v, 0.5)).ToArray(),
                values.Select(v => Quantile(v, 0.25)).ToArray(),
                values.Select(v => Quantile(v, 0.75)).ToArray(),
                values.Select(v => v.Length).ToArray());
        }).ToList();

    /// <summary>The q-quantile of sorted values by linear interpolation between order statistics (numpy's default, type 7).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var h = (sorted.Count - 1) * q;
        int lo = (int)Math.Floor(h), hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
