using System.Globalization;
using Mentia.Core.Specs;

namespace Mentia.Analysis.Scaling;

/// <summary>How one collapse is fitted. Unset ranges default to the data (p_c) and to <see cref="Ansatz.DefaultExponentRange"/>.</summary>
public sealed record FssOptions
{
    public FssAnsatz Ansatz { get; init; } = FssAnsatz.Bkt;
    /// <summary>The fixed microscopic scale of the BKT ansatz (ignored by the algebraic one).</summary>
    public double N0 { get; init; } = 1.0;
    public ContourLevel Contour { get; init; } = ContourLevel.Default;
    /// <summary>Only points with WindowLow &lt;= p &lt;= WindowHigh take part.</summary>
    public double? WindowLow { get; init; }
    public double? WindowHigh { get; init; }
    public double? PcLow { get; init; }
    public double? PcHigh { get; init; }
    public double? ExponentLow { get; init; }
    public double? ExponentHigh { get; init; }
    /// <summary>Nodes of the global search grid along p_c and along the exponent (log-spaced).</summary>
    public int GridPc { get; init; } = 41;
    public int GridExponent { get; init; } = 41;
    /// <summary>Nodes of the zoomed map around the minimum along each axis (odd, so the minimum is a node).</summary>
    public int MapNodes { get; init; } = 41;
    /// <summary>Only points with N &gt;= MinSize take part (the finite-size check drops the smallest sizes).</summary>
    public double? MinSize { get; init; }
    /// <summary>
    /// False: the minimum only, no contour and no error bars (the window scan's cheap fits). The
    /// result then has no Map and null errors.
    /// </summary>
    public bool TraceContour { get; init; } = true;
    /// <summary>
    /// Training runs behind each point's bootstrap error (median over the points), which sets the
    /// chi2 a perfect collapse is expected to give (<see cref="CollapseQuality.ExpectedChi2"/>); null
    /// when the errors are taken as exact (plain CSV input).
    /// </summary>
    public double? RunsPerPoint { get; init; }

    public static FssOptions From(FssSettings settings, FssAnsatz ansatz)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new FssOptions
        {
            Ansatz = ansatz,
            N0 = settings.N0,
            Contour = settings.Contour,
            WindowLow = settings.WindowLow,
            WindowHigh = settings.WindowHigh,
        };
    }

    /// <summary>Parses the CLI's "--window A,B".</summary>
    public static bool TryParseWindow(string text, out double low, out double high)
    {
        low = high = double.NaN;
        var parts = text.Split(',');
        return parts.Length == 2
            && double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out low)
            && double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out high)
            && double.IsFinite(low) && double.IsFinite(high) && low < high;
    }
}
