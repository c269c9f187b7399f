namespace Mentia.Analysis.Scaling;

/// <summary>
/// The quality flags every FSS estimate carries, and the chi2 criterion of a poor collapse.
/// A flag is a short kebab-case word that travels unchanged to results.json, fss.csv,
/// `boundary --json`, the tables (as a visible mark) and the figures (hollow markers); docs/analysis.md
/// lists them.
/// </summary>
public static class CollapseQuality
{
    /// <summary>The chi2 contour reaches the edge of the search range: that error bar is a lower bound.</summary>
    public const string ContourOpen = "contour-open";
    /// <summary>The minimum sits on the edge of the p_c range (the window): the true minimum may lie beyond it.</summary>
    public const string PcAtEdge = "pc-at-range-edge";
    /// <summary>
    /// The minimum sits at a sampled p (within 1e-6 of the span): the collapse chi2 of science.md jumps at
    /// every sampled p, where that p's points of all sizes bunch at x ~ 0, and its minimum can be such a
    /// one-sided limit. The estimate is then no finer than the p spacing.
    /// </summary>
    public const string PcAtSampledRate = "pc-at-sampled-rate";
    /// <summary>The minimum sits on the edge of the exponent range: the data do not fix the exponent.</summary>
    public const string ExponentAtEdge = "exponent-at-range-edge";
    /// <summary>Reduced chi2 above <see cref="PoorThreshold"/>: the points do not fall on one curve within their errors.</summary>
    public const string PoorCollapse = "poor-collapse";
    /// <summary>No window of the scan gave (p_c, exponent) that a smaller window and dropping the smallest size both confirm.</summary>
    public const string WindowUnstable = "window-unstable";
    /// <summary>Fewer than <see cref="MinimumPoints"/> points in the collapse (10 degrees of freedom for two parameters).</summary>
    public const string FewPoints = "few-points";
    /// <summary>Fewer than 4 training runs behind the errors: their bootstrap errors (and so chi2 and the contour) are themselves very uncertain.</summary>
    public const string FewRuns = "few-runs";
    /// <summary>The N -&gt; infinity limit of the pairwise crossings differs from the collapse's p_c by more than two combined standard errors.</summary>
    public const string DriftDisagrees = "drift-disagrees";

    /// <summary>A collapse with fewer points than this is flagged <see cref="FewPoints"/>.</summary>
    public const int MinimumPoints = 12;

    /// <summary>A collapse whose errors come from fewer training runs than this is flagged <see cref="FewRuns"/> (<see cref="ExpectedChi2"/> says why 4).</summary>
    public const int MinimumRuns = 4;

    /// <summary>The factor over <see cref="ExpectedChi2"/> above which a collapse is poor.</summary>
    public const double PoorFactor = 2.0;

    /// <summary>
    /// The mean reduced chi2 of a perfect collapse whose errors are bootstrap estimates over n runs.
    /// An estimated variance s^2 from n values makes E[sigma^2 / s^2] = (n - 1)/(n - 3) (the mean of an
    /// inverse chi-squared with n - 1 degrees of freedom), and the plug-in bootstrap's s^2 is (n - 1)/n of
    /// the textbook one, so E[chi2] = n/(n - 3) for n &gt;= 4 (10 runs: 1.43; measured on the benchmark line:
    /// 1.37-1.39). Below 4 runs the mean is infinite; the value for 4 runs (4) is used and the estimate
    /// is flagged <see cref="FewRuns"/>. Exact errors (null runs): 1.
    /// </summary>
    public static double ExpectedChi2(double? runsPerPoint) => runsPerPoint switch
    {
        null => 1.0,
        { } n when n >= 4 => n / (n - 3),
        _ => 4.0,
    };

    /// <summary><see cref="PoorFactor"/> times <see cref="ExpectedChi2"/>.</summary>
    public static double PoorThreshold(double? runsPerPoint) => PoorFactor * ExpectedChi2(runsPerPoint);

    /// <summary>The flags that follow from one fit alone (the window scan and the drift add theirs).</summary>
    public static IReadOnlyList<string> Flags(FssResult fit, double? runsPerPoint)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var flags = new List<string>();
        if (!fit.Fitted)
        {
            return flags;
        }
        if (fit.ContourOpen)
        {
            flags.Add(ContourOpen);
        }
        if (fit.PcAtRangeEdge)
        {
            flags.Add(PcAtEdge);
        }
        if (fit.ExponentAtRangeEdge)
        {
            flags.Add(ExponentAtEdge);
        }
        if (fit.PcAtSampledRate)
        {
            flags.Add(PcAtSampledRate);
        }
        if (fit.Chi2 is { } chi2 && chi2 > PoorThreshold(runsPerPoint))
        {
            flags.Add(PoorCollapse);
        }
        if (fit.Points < MinimumPoints)
        {
            flags.Add(FewPoints);
        }
        if (runsPerPoint is { } n && n < MinimumRuns)
        {
            flags.Add(FewRuns);
        }
        return flags;
    }

    /// <summary>The flags with one more added (no duplicates, order kept).</summary>
    public static IReadOnlyList<string> With(IReadOnlyList<string> flags, string flag) =>
        flags.Contains(flag) ? flags : [.. flags, flag];

    /// <summary>True when the estimate sits on an edge of its search range (then it is no estimate at all).</summary>
    public static bool AtEdge(FssResult fit) => fit.PcAtRangeEdge || fit.ExponentAtRangeEdge;
}
