using MathNet.Numerics.Distributions;
using Mentia.Analysis.Statistics;

namespace Mentia.Analysis.Exponents;

/// <summary>
/// The exponent alpha of &lt;L&gt;(N) ~ N^alpha at fixed (p_t, p_e): weighted least squares of ln&lt;L&gt;
/// on ln N. The error of ln&lt;L&gt; is dy / y (first-order propagation), so the weights are (y / dy)^2.
/// </summary>
public static class AlphaFit
{
    /// <summary>Two sizes fix a line exactly and leave no test of the power law; three is the least that can.</summary>
    public const int MinimumSizes = 3;

    public static AlphaFitResult Fit(IReadOnlyList<SizePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (!(double.IsFinite(p.N) && p.N > 0 && double.IsFinite(p.Y) && p.Y > 0 && double.IsFinite(p.Dy) && p.Dy > 0))
            {
                throw new ArgumentException($"point {i} (N={p.N}, y={p.Y}, dy={p.Dy}) needs N > 0, y > 0 and dy > 0, all finite", nameof(points));
            }
        }
        int sizes = points.Select(p => p.N).Distinct().Count();
        if (sizes < MinimumSizes)
        {
            return new AlphaFitResult
            {
                Fitted = false,
                Reason = $"alpha needs at least {MinimumSizes} sizes N; {sizes} available",
                Sizes = sizes,
                Points = points.Count,
            };
        }

        int n = points.Count;
        var u = new double[n];
        var v = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            u[i] = Math.Log(points[i].N);
            v[i] = Math.Log(points[i].Y);
            var sigma = points[i].Dy / points[i].Y;
            w[i] = 1.0 / (sigma * sigma);
        }
        var line = WeightedLine.Fit(u, v, w);
        var (alpha, alphaVar, intercept, interceptVar, chi2) = (line.Slope, line.SlopeVariance, line.Intercept, line.InterceptVariance, line.Chi2);
        int dof = n - 2;
        var reduced = chi2 / dof;
        var alphaErr = Math.Sqrt(alphaVar);
        return new AlphaFitResult
        {
            Fitted = true,
            Sizes = sizes,
            Points = n,
            Alpha = alpha,
            AlphaErr = alphaErr,
            AlphaErrScaled = alphaErr * Math.Sqrt(Math.Max(1.0, reduced)),
            Intercept = intercept,
            InterceptErr = Math.Sqrt(interceptVar),
            Chi2 = chi2,
            Dof = dof,
            ReducedChi2 = reduced,
            PValue = ChiSquared.CDF(dof, chi2) is var cdf && double.IsFinite(cdf) ? 1.0 - cdf : null,
        };
    }
}
