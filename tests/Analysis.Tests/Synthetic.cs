using Mentia.Analysis.Scaling;
using Mentia.Analysis.Statistics;
using Mentia.Core.Specs;

namespace Mentia.Analysis.Tests;

/// <summary>
/// Data with a known answer. A line obeys y = F(x) exactly, with x the ansatz's collapse variable
/// at the true (p_c, exponent), F(x) = 1.2 + 0.8 tanh(x / s) (loss-like: rising through p_c, so
/// larger N has lower loss below p_c and higher above: the curves cross at p_c), and s a fixed
/// fraction of the scale factor at the geometric-mean size so that F changes over the p range.
/// Gaussian noise of standard deviation dy is added when a generator is given.
/// </summary>
public static class Synthetic
{
    public static double F(double x, double s) => 1.2 + 0.8 * Math.Tanh(x / s);

    public static double[] Linspace(double low, double high, int count) =>
        Enumerable.Range(0, count).Select(k => low + (high - low) * k / (count - 1)).ToArray();

    public static List<ScalingPoint> Line(
        FssAnsatz ansatz, double pc, double exponent, IReadOnlyList<double> rates, IReadOnlyList<double> sizes,
        double dy, DeterministicRandom? noise, double n0 = 1.0, double width = 0.05)
    {
        var mid = Math.Sqrt(sizes.Min() * sizes.Max());
        var s = width * Math.Exp(Ansatz.LogScale(ansatz, mid, n0) / exponent);
        var points = new List<ScalingPoint>();
        foreach (var n in sizes)
        {
            foreach (var p in rates)
            {
                var y = F(Ansatz.X(ansatz, p, n, pc, exponent, n0), s);
                if (noise is not null)
                {
                    y += dy * noise.NextGaussian();
                }
                points.Add(new ScalingPoint(p, n, y, dy));
            }
        }
        return points;
    }
}
