namespace Mentia.Analysis.Statistics;

/// <summary>
/// Weighted least squares of v on u with weights w (1/sigma^2): v = Intercept + Slope u. Centred on the
/// weighted mean of u, so the slope and the intercept at the centre are uncorrelated and free of the
/// cancellation of the textbook normal equations: Slope = sum w du dv / sum w du^2, Var(Slope) =
/// 1 / sum w du^2, Var(Intercept) = 1/sum w + ū^2 Var(Slope); Chi2 = sum w r^2 (dof = points - 2).
/// </summary>
internal readonly record struct WeightedLine(double Slope, double SlopeVariance, double Intercept, double InterceptVariance, double Chi2)
{
    /// <summary>At least two distinct u with positive weights; the caller checks.</summary>
    public static WeightedLine Fit(ReadOnlySpan<double> u, ReadOnlySpan<double> v, ReadOnlySpan<double> w)
    {
        int n = u.Length;
        double sw = 0, swu = 0, swv = 0;
        for (int i = 0; i < n; i++)
        {
            sw += w[i];
            swu += w[i] * u[i];
            swv += w[i] * v[i];
        }
        var uBar = swu / sw;
        var vBar = swv / sw;
        double suu = 0, suv = 0;
        for (int i = 0; i < n; i++)
        {
            var du = u[i] - uBar;
            suu += w[i] * du * du;
            suv += w[i] * du * (v[i] - vBar);
        }
        var slope = suv / suu;
        var slopeVar = 1.0 / suu;
        var intercept = vBar - slope * uBar;
        var interceptVar = 1.0 / sw + uBar * uBar * slopeVar;
        double chi2 = 0;
        for (int i = 0; i < n; i++)
        {
            var r = v[i] - intercept - slope * u[i];
            chi2 += w[i] * r * r;
        }
        return new WeightedLine(slope, slopeVar, intercept, interceptVar, chi2);
    }
}
