using System.Globalization;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Statistics;
using Mentia.Core.Specs;

namespace Mentia.Analysis.Phases;

/// <summary>
/// The N -&gt; infinity limit of the pairwise crossings p*(N_i, N_i+1) under one ansatz, with the
/// exponent held at the collapse's value: p* = PcInfinity + Slope u(N), u = (ln(N/N0))^(-1/kappa) (BKT-like)
/// or N^(-1/nu) (algebraic), N the geometric mean of the pair. Weighted least squares with weights
/// 1/err^2 of the pair crossings; with three or more pairs the error is scaled by sqrt(reduced chi2)
/// where that exceeds 1. Neighbouring pairs share a curve, so their crossings are correlated and the
/// error is somewhat optimistic. Deviation is |PcInfinity - p_c| over the combined error (the collapse's
/// contour half-extent on the side of PcInfinity); Agrees means Deviation &lt;= 2.
/// </summary>
public sealed record CrossingExtrapolation
{
    public required bool Fitted { get; init; }
    public string? Reason { get; init; }
    public required FssAnsatz Ansatz { get; init; }
    /// <summary>kappa or nu, fixed at the collapse's estimate.</summary>
    public double? Exponent { get; init; }
    public double? PcInfinity { get; init; }
    public double? PcInfinityErr { get; init; }
    public double? Slope { get; init; }
    /// <summary>Reduced chi2 of the straight line in u (null with two pairs: no degree of freedom).</summary>
    public double? Chi2 { get; init; }
    public required int Pairs { get; init; }
    public double? Deviation { get; init; }
    public bool? Agrees { get; init; }
}

/// <summary>Extrapolates pairwise crossings to N -&gt; infinity (<see cref="CrossingExtrapolation"/>).</summary>
public static class CrossingDrift
{
    /// <summary>Deviation (in combined standard errors) beyond which the two p_c disagree.</summary>
    public const double DisagreementSigma = 2.0;

    /// <summary>The scaling variable u(N) that vanishes as N -&gt; infinity.</summary>
    public static double U(FssAnsatz ansatz, double n, double exponent, double n0) => ansatz switch
    {
        FssAnsatz.Bkt => Math.Pow(Math.Log(n / n0), -1.0 / exponent),
        FssAnsatz.Algebraic => Math.Pow(n, -1.0 / exponent),
        _ => throw new ArgumentOutOfRangeException(nameof(ansatz)),
    };

    /// <summary>
    /// Pairs: the crossing's pairs (only those with a central estimate and a positive error are used,
    /// and only pairs whose smaller size is at least minSize). The collapse gives the exponent and the
    /// p_c to compare with; without a fitted collapse there is nothing to hold the exponent at. A limit
    /// outside rateRange (the sampled p_e), or with an error wider than that range, is reported as not
    /// fitted, with the value in the reason.
    /// </summary>
    public static CrossingExtrapolation Extrapolate(IReadOnlyList<PairCrossing> pairs, FssResult collapse, double? minSize = null, (double Low, double High)? rateRange = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(collapse);
        var shell = new CrossingExtrapolation { Fitted = false, Ansatz = collapse.Ansatz, Pairs = 0 };
        if (!collapse.Fitted || collapse.Exponent is not { } exponent || collapse.Pc is not { } pc)
        {
            return shell with { Reason = "no fitted collapse to take the exponent from" };
        }
        var n0 = collapse.N0 ?? 1.0;
        var used = pairs
            .Where(p => p.EvalRate is not null && p.EvalRateErr is { } e && e > 0 && (minSize is not { } m || p.SmallerN >= m))
            .Select(p => (N: Math.Sqrt(p.SmallerN * p.LargerN), Y: p.EvalRate!.Value, E: p.EvalRateErr!.Value))
            .Where(p => collapse.Ansatz != FssAnsatz.Bkt || p.N > n0 * Math.E)
            .ToArray();
        shell = shell with { Exponent = exponent, Pairs = used.Length };
        if (used.Length < 2)
        {
            return shell with { Reason = string.Create(CultureInfo.InvariantCulture, $"an extrapolation needs at least 2 size pairs whose curves cross with an error; have {used.Length}") };
        }
        var u = used.Select(p => U(collapse.Ansatz, p.N, exponent, n0)).ToArray();
        if (u.Max() - u.Min() <= 1e-12 * Math.Max(1, Math.Abs(u.Max())))
        {
            return shell with { Reason = "the pairs' scaling variables coincide: nothing to extrapolate along" };
        }
        var fit = WeightedLine.Fit(u, used.Select(p => p.Y).ToArray(), used.Select(p => 1 / (p.E * p.E)).ToArray());
        var slope = fit.Slope;
        var intercept = fit.Intercept;
        var interceptErr = Math.Sqrt(fit.InterceptVariance);
        double? chi2 = null;
        if (used.Length > 2)
        {
            chi2 = fit.Chi2 / (used.Length - 2);
            interceptErr *= Math.Sqrt(Math.Max(1, chi2.Value));
        }
        if (rateRange is { } range && (intercept < range.Low || intercept > range.High || interceptErr > range.High - range.Low))
        {
            // A limit outside [0, 1] or outside what was sampled is no estimate of a critical rate: the
            // straight line in u is too steep or too uncertain for the sizes at hand.
            return shell with
            {
                Reason = string.Create(CultureInfo.InvariantCulture,
                    $"the extrapolation leaves the sampled p_e range [{range.Low}, {range.High}] or its error exceeds it (p_c at N -> infinity = {intercept:0.###} +- {interceptErr:0.###}): the drift does not fix the limit"),
                Slope = slope,
                Chi2 = chi2,
            };
        }
        var side = intercept >= pc ? (collapse.PcHigh ?? pc) - pc : pc - (collapse.PcLow ?? pc);
        var combined = Math.Sqrt(interceptErr * interceptErr + side * side);
        double? deviation = combined > 0 ? Math.Abs(intercept - pc) / combined : null;
        return shell with
        {
            Fitted = true,
            PcInfinity = intercept,
            PcInfinityErr = interceptErr,
            Slope = slope,
            Chi2 = chi2,
            Deviation = deviation,
            Agrees = deviation is { } z ? z <= DisagreementSigma : null,
        };
    }
}
