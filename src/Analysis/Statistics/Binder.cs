// Not MathNet's kurtosis: Statistics.Kurtosis is the bias-corrected sample excess kurtosis (another quantity), and
// PopulationKurtosis + 3, the same m4/m2^2 mathematically, differs in the last bits for 1994 of 2000 random samples
// (it accumulates through RunningStatistics' recurrences, then subtracts and adds 3); FromShiftedSums, the bootstrap's
// form from per-run power sums, has no MathNet counterpart.
namespace Mentia.Analysis.Statistics;

/// <summary>Binder cumulant B = m4 / m2^2 with m_k the k-th central moment (3 for a Gaussian, 1 for a symmetric two-point law).</summary>
public static class Binder
{
    /// <summary>
    /// Below this variance the accuracies are taken as constant: B is 0/0 there, and rounding
    /// would otherwise turn it into noise. Accuracies are fractions in [0, 1], so an absolute
    /// floor is meaningful.
    /// </summary>
    public const double MinimumVariance = 1e-24;

    /// <summary>
    /// From power sums the variance is m2 = r2 - mu^2, a difference of two terms that carry rounding
    /// errors of about 1e-16 of their size each (times the number of terms summed). Where m2 is below
    /// this fraction of r2 it is rounding, not spread: a bootstrap resample that drew one constant run
    /// n times has m2 ~ 1e-22 from cancellation and would give B ~ 1e16.
    /// </summary>
    public const double RelativeRounding = 1e-9;

    /// <summary>The cumulant of a sample, two-pass for accuracy; null when the sample has no spread.</summary>
    public static double? Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }
        double mean = 0;
        foreach (var v in values)
        {
            mean += v;
        }
        mean /= values.Count;
        double m2 = 0, m4 = 0;
        foreach (var v in values)
        {
            var d = (v - mean) * (v - mean);
            m2 += d;
            m4 += d * d;
        }
        m2 /= values.Count;
        m4 /= values.Count;
        return m2 <= MinimumVariance ? null : m4 / (m2 * m2);
    }

    /// <summary>
    /// The cumulant from power sums S_k = sum (a - c)^k about a shift c close to the mean. Lets the
    /// bootstrap combine per-run sums in O(runs) per resample; a shift near the mean keeps the
    /// binomial expansion free of cancellation.
    /// </summary>
    internal static double? FromShiftedSums(double count, double s1, double s2, double s3, double s4)
    {
        var mu = s1 / count;
        var r2 = s2 / count;
        var r3 = s3 / count;
        var r4 = s4 / count;
        var mu2 = mu * mu;
        var m2 = r2 - mu2;
        var m4 = r4 - 4 * mu * r3 + 6 * mu2 * r2 - 3 * mu2 * mu2;
        if (m2 <= MinimumVariance || m2 <= RelativeRounding * r2)
        {
            return null;
        }
        return m4 / (m2 * m2);
    }
}
