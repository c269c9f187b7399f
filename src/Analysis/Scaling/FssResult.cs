using Mentia.Analysis.Phases;
using Mentia.Core.Specs;

namespace Mentia.Analysis.Scaling;

/// <summary>
/// A finite-size-scaling fit. The contour extent along each axis is [PcLow, PcHigh] and
/// [ExponentLow, ExponentHigh]: usually asymmetric about the minimum, so quote +(High - value) and
/// -(value - Low); PcErr/ExponentErr are half that extent, for tables that need one number. When
/// <see cref="Fitted"/> is false, <see cref="Reason"/> says why and no estimate is given. Every
/// fitted estimate carries its <see cref="Flags"/> (<see cref="CollapseQuality"/>): an empty list means
/// none of the documented problems was found.
/// </summary>
public sealed record FssResult
{
    public required FssAnsatz Ansatz { get; init; }
    /// <summary>"kappa" (BKT) or "nu" (algebraic).</summary>
    public required string ExponentName { get; init; }
    public required bool Fitted { get; init; }
    public string? Reason { get; init; }
    /// <summary>The BKT scale N0 used; null for the algebraic ansatz.</summary>
    public double? N0 { get; init; }
    public double? WindowLow { get; init; }
    public double? WindowHigh { get; init; }
    /// <summary>Points in the collapse (after the window) and their distinct sizes.</summary>
    public required int Points { get; init; }
    public required int Sizes { get; init; }
    public int Parameters { get; init; } = 2;

    public double? Pc { get; init; }
    public double? PcErr { get; init; }
    public double? PcLow { get; init; }
    public double? PcHigh { get; init; }
    public double? Exponent { get; init; }
    public double? ExponentErr { get; init; }
    public double? ExponentLow { get; init; }
    public double? ExponentHigh { get; init; }
    /// <summary>The minimum reduced chi2.</summary>
    public double? Chi2 { get; init; }

    /// <summary>"1.3x" or "+1", as <see cref="ContourLevel.ToString"/> writes it.</summary>
    public required string ContourLevel { get; init; }
    /// <summary>The reduced-chi2 value of the contour that gave the error bars.</summary>
    public double? Chi2Level { get; init; }
    /// <summary>The contour reaches the edge of the search range: the error bar there is a lower bound.</summary>
    public bool ContourOpen { get; init; }
    /// <summary>The minimum sits on the edge of the search range: the true minimum may lie beyond it.</summary>
    public bool PcAtRangeEdge { get; init; }
    /// <summary>
    /// The minimum sits within 1e-6 of the p span of a sampled p: at the jump the neighbour-interpolation
    /// chi2 has there (the points of that p bunch at x ~ 0), so the p spacing limits the estimate.
    /// </summary>
    public bool PcAtSampledRate { get; init; }
    public bool ExponentAtRangeEdge { get; init; }

    public double? PcRangeLow { get; init; }
    public double? PcRangeHigh { get; init; }
    public double? ExponentRangeLow { get; init; }
    public double? ExponentRangeHigh { get; init; }

    /// <summary>The smallest size N in the collapse (after dropping sizes) and how many sizes were dropped.</summary>
    public double? MinSize { get; init; }
    public int DroppedSizes { get; init; }
    /// <summary>"given" (spec or CLI window), "auto" (chosen by the window scan) or "all" (whole p_e range).</summary>
    public string WindowSource { get; init; } = "all";
    /// <summary>The reduced chi2 above which the collapse is flagged poor (<see cref="CollapseQuality.PoorThreshold"/>).</summary>
    public double? PoorChi2Threshold { get; init; }
    /// <summary>Quality flags of the estimate (<see cref="CollapseQuality"/> names them); empty when none applies.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];
    /// <summary>The window scan behind an automatic window: one entry per (half-width, sizes dropped); empty otherwise.</summary>
    public IReadOnlyList<WindowScanEntry> Scan { get; init; } = [];
    /// <summary>The N -&gt; infinity limit of the pairwise crossings under this ansatz, with its exponent held at the fit's.</summary>
    public CrossingExtrapolation? Drift { get; init; }

    /// <summary>The zoomed map around the minimum whose contour gave the error bars.</summary>
    public Chi2Map? Map { get; init; }
    /// <summary>The coarse map over the whole search range.</summary>
    public Chi2Map? GlobalMap { get; init; }
    /// <summary>
    /// Where results.json keeps <see cref="Map"/>: a CSV path relative to results.json (chi2/...csv, <c>Chi2MapCsv</c>'s
    /// long form); null when the map is embedded or absent.
    /// </summary>
    public string? MapFile { get; init; }
    /// <summary>Likewise for <see cref="GlobalMap"/>.</summary>
    public string? GlobalMapFile { get; init; }
}
