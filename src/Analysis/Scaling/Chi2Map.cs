namespace Mentia.Analysis.Scaling;

/// <summary>
/// The reduced chi2 of the collapse over a grid: Chi2[i][j] at (Pc[i], Exponent[j]). Axes are
/// ascending; the exponent axis is log-spaced in the global map and may be unevenly spaced in
/// the zoomed map (it is centred on the minimum).
/// </summary>
public sealed record Chi2Map(
    string ExponentName,
    IReadOnlyList<double> Pc,
    IReadOnlyList<double> Exponent,
    IReadOnlyList<IReadOnlyList<double>> Chi2);
