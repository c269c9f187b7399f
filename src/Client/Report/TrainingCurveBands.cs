using MathNet.Numerics.Statistics;
using Mentia.Core.Records.Raw;

namespace Mentia.Client.Report;

/// <summary>
/// The validation-loss curves of one (architecture, p_t, N) summarised over its replicas: at each epoch the median
/// and the 25 % and 75 % quantiles over the runs still training at that epoch (early stopping ends runs at different
/// epochs, so the count can fall with the epoch; <see cref="Runs"/> says how many there were at each). The quantiles
/// are MathNet's R7 (numpy's default: linear interpolation between order statistics), NaN with no runs.
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
                values.Select(v => SortedArrayStatistics.QuantileCustom(v, 0.5, QuantileDefinition.R7)).ToArray(),
                values.Select(v => SortedArrayStatistics.QuantileCustom(v, 0.25, QuantileDefinition.R7)).ToArray(),
                values.Select(v => SortedArrayStatistics.QuantileCustom(v, 0.75, QuantileDefinition.R7)).ToArray(),
                values.Select(v => v.Length).ToArray());
        }).ToList();

}
