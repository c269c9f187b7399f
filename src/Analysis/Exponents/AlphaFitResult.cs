namespace Mentia.Analysis.Exponents;

/// <summary>
/// The power law &lt;L&gt; = exp(Intercept) N^Alpha fitted by weighted least squares in log-log.
/// When <see cref="Fitted"/> is false, <see cref="Reason"/> says why and the numbers are null.
/// </summary>
public sealed record AlphaFitResult
{
    public required bool Fitted { get; init; }
    public string? Reason { get; init; }
    /// <summary>Distinct sizes N used.</summary>
    public required int Sizes { get; init; }
    public required int Points { get; init; }
    public double? Alpha { get; init; }
    /// <summary>Formal standard error of Alpha from the point errors (what the classification uses).</summary>
    public double? AlphaErr { get; init; }
    /// <summary>AlphaErr times max(1, sqrt(ReducedChi2)): inflated where the points scatter more than their errors.</summary>
    public double? AlphaErrScaled { get; init; }
    /// <summary>ln of the prefactor.</summary>
    public double? Intercept { get; init; }
    public double? InterceptErr { get; init; }
    /// <summary>Goodness of fit: sum of squared weighted residuals, its degrees of freedom, their ratio, and P(chi2 larger by chance).</summary>
    public double? Chi2 { get; init; }
    public int? Dof { get; init; }
    public double? ReducedChi2 { get; init; }
    public double? PValue { get; init; }
}
