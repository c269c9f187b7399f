using Mentia.Core.Specs;

namespace Mentia.Analysis.Scaling;

/// <summary>
/// The collapse variables of science.md. Both have the form x = (p - p_c) exp(g(N) / theta) with
/// g(N) = ln ln(N / N0), theta = kappa (BKT) or g(N) = ln N, theta = nu (algebraic); the fitter
/// uses that shared form so each (p_c, theta) costs one exp per size.
/// </summary>
public static class Ansatz
{
    public static string ExponentName(FssAnsatz ansatz) => ansatz switch
    {
        FssAnsatz.Bkt => "kappa",
        FssAnsatz.Algebraic => "nu",
        _ => throw new ArgumentOutOfRangeException(nameof(ansatz)),
    };

    /// <summary>
    /// Default search range of the exponent. kappa: 0.1..5 brackets BKT's 1/2 and the larger
    /// values the study reports; nu: 0.1..20 reaches the large nu the study finds. Beyond the top
    /// of either range N^(1/theta) is nearly flat over any realistic span of N, which is the
    /// no-scaling limit that the chi2 map shows as a plateau anyway.
    /// </summary>
    public static (double Low, double High) DefaultExponentRange(FssAnsatz ansatz) => ansatz switch
    {
        FssAnsatz.Bkt => (0.1, 5.0),
        FssAnsatz.Algebraic => (0.1, 20.0),
        _ => throw new ArgumentOutOfRangeException(nameof(ansatz)),
    };

    /// <summary>g(N); NaN where the BKT form is undefined (N &lt;= N0).</summary>
    public static double LogScale(FssAnsatz ansatz, double n, double n0) => ansatz switch
    {
        FssAnsatz.Bkt => n > n0 ? Math.Log(Math.Log(n / n0)) : double.NaN,
        FssAnsatz.Algebraic => Math.Log(n),
        _ => throw new ArgumentOutOfRangeException(nameof(ansatz)),
    };

    /// <summary>The collapse variable x of one point.</summary>
    public static double X(FssAnsatz ansatz, double p, double n, double pc, double exponent, double n0) =>
        (p - pc) * Math.Exp(LogScale(ansatz, n, n0) / exponent);
}
