using Mentia.Core.Specs;

namespace Mentia.Analysis.Scaling;

/// <summary>
/// A finite-size-scaling fit. Errors are half the extent of the chi2 contour along each axis;
/// Low/High are that extent. When <see cref="Fitted"/> is false, <see cref="Reason"/> says why.
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
    public bool ExponentAtRangeEdge { get; init; }

    public double? PcRangeLow { get; init; }
    public double? PcRangeHigh { get; init; }
    public double? ExponentRangeLow { get; init; }
    public double? ExponentRangeHigh { get; init; }

    /// <summary>The zoomed map around the minimum whose contour gave the error bars.</summary>
    public Chi2Map? Map { get; init; }
    /// <summary>The coarse map over the whole search range.</summary>
    public Chi2Map? GlobalMap { get; init; }
}
