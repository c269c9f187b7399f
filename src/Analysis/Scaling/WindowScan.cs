using Mentia.Core.Specs;
using System.Globalization;

namespace Mentia.Analysis.Scaling;

/// <summary>
/// One fit of the window scan: the p window [WindowLow, WindowHigh] (centre +- HalfWidth, cut to the
/// data), the smallest sizes dropped, and the minimum found there (no error bars: the scan's fits are
/// cheap ones). Acceptable: fitted, not on an edge of its range, chi2 at most the poor-collapse threshold.
/// </summary>
public sealed record WindowScanEntry(
    double HalfWidth, double WindowLow, double WindowHigh, int DroppedSizes, double? MinSize, int Points,
    bool Fitted, double? Pc, double? Exponent, double? Chi2, bool AtEdge, bool Acceptable, bool Chosen, string? Reason);

/// <summary>
/// The automatic choice of the collapse window and sizes, then the finite-size checks on it
/// (docs/analysis.md, "Window and sizes"). Around the centre c (the crossing), windows of half-width
/// h = f h0 for f in <see cref="HalfWidthFactors"/> are combined with dropping the 0, 1 or 2 smallest
/// sizes (keeping at least two); each is fitted cheaply. The choice is the acceptable entry with the
/// most points (then fewer sizes dropped, then the wider window) whose full fit is confirmed by its
/// neighbours in the scan: the next smaller window with the same sizes and the same window without
/// its smallest size, where fitted off the edges, both have p_c and the exponent inside this fit's chi2
/// contour (a neighbour whose minimum sits on its range edge disconfirms; a fit whose p_c contour runs to
/// the window's edge cannot be confirmed; the contour is the default 1.3 x chi2_min whatever level the
/// error bars use, so the choice does not depend on it). Windows that do not reach both ends of the
/// bracket where the phases change order are not acceptable. If no acceptable entry is
/// confirmed (up to <see cref="MaxFullFits"/> tried) the acceptable one nearest the base window is kept
/// and flagged <see cref="CollapseQuality.WindowUnstable"/>; with no acceptable entry, the lowest chi2 off
/// the edges among windows over both phases is kept (its flags say why it is not acceptable).
/// </summary>
public static class WindowScan
{
    /// <summary>Half-widths of the scan as multiples of the base half-width h0.</summary>
    public static readonly IReadOnlyList<double> HalfWidthFactors = [0.5, 0.75, 1.0, 1.5, 2.0];

    /// <summary>At most this many of the smallest sizes are dropped.</summary>
    public const int MaxDroppedSizes = 2;

    /// <summary>Candidates given a full fit (with contour) in search of a confirmed one; bounds the cost.</summary>
    public const int MaxFullFits = 6;

    /// <summary>Nodes per axis of the scan's cheap global grids.</summary>
    private const int ScanGrid = 21;

    /// <summary>
    /// The centre and base half-width h0 of the scan from the two locations of the transition the data
    /// give: the crossing of the &lt;L&gt;(p_e) curves (mean of the pair crossings, which drift with N and
    /// scatter over their spread) and the change of sign of alpha (the midpoint of the interval where the
    /// phases change order). Centre: their mean (either alone if only one exists). h0: the largest of
    /// three p spacings (so the smallest window, h0/2, holds three p values), half the spread of the pair
    /// crossings, and half the distance between the two locations plus one spacing (so the base window
    /// holds both).
    /// </summary>
    public static (double Centre, double HalfWidth) Around(IReadOnlyList<ScalingPoint> points, double? crossing, double? crossingSpread, double? orderChange)
    {
        ArgumentNullException.ThrowIfNull(points);
        var rates = points.Select(q => q.P).Distinct().Order().ToArray();
        var gaps = rates.Zip(rates.Skip(1), (a, b) => b - a).Order().ToArray();
        var spacing = gaps.Length == 0 ? 0.0 : gaps[gaps.Length / 2];
        var locations = new[] { crossing, orderChange }.Where(x => x is not null).Select(x => x!.Value).ToArray();
        var centre = locations.Length > 0 ? locations.Average() : (rates[0] + rates[^1]) / 2;
        var apart = locations.Length == 2 ? Math.Abs(locations[0] - locations[1]) / 2 + spacing : 0.0;
        return (centre, Math.Max(3 * spacing, Math.Max((crossingSpread ?? 0.0) / 2, apart)));
    }

    /// <summary>Scans windows around centre, chooses one, and returns its full fit with the scan attached.</summary>
    /// <param name="bracket">The p_e interval where the order of the curves changes (last eumentia to first
    /// dementia p_e), when known: a window that does not reach both its ends holds one phase only and is
    /// not acceptable.</param>
    public static FssResult Fit(IReadOnlyList<ScalingPoint> points, FssOptions options, double centre, double baseHalfWidth, (double Low, double High)? bracket = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(options);
        var sizes = points.Select(q => q.N).Distinct().Order().ToArray();
        int maxDrop = Math.Max(0, Math.Min(MaxDroppedSizes, sizes.Length - 2));

        var entries = new List<(WindowScanEntry Entry, FssOptions Options)>();
        var seen = new HashSet<(double, double, int)>();
        foreach (var f in HalfWidthFactors)
        {
            var h = f * baseHalfWidth;
            var inside = points.Where(q => q.P >= centre - h && q.P <= centre + h).Select(q => q.P).ToArray();
            if (inside.Length == 0)
            {
                continue;
            }
            // The window as the data see it: two half-widths that hold the same points are one entry.
            var (lo, hi) = (inside.Min(), inside.Max());
            for (int d = 0; d <= maxDrop; d++)
            {
                if (!seen.Add((lo, hi, d)))
                {
                    continue;
                }
                var o = options with
                {
                    WindowLow = lo,
                    WindowHigh = hi,
                    MinSize = sizes[d],
                    TraceContour = false,
                    GridPc = Math.Min(options.GridPc, ScanGrid),
                    GridExponent = Math.Min(options.GridExponent, ScanGrid),
                };
                var fit = FssFitter.Fit(points, o);
                var atEdge = fit.Fitted && CollapseQuality.AtEdge(fit);
                var bothSides = bracket is not { } b || (lo <= b.Low && hi >= b.High);
                var acceptable = fit.Fitted && !atEdge && fit.Chi2 <= fit.PoorChi2Threshold && bothSides;
                var entryReason = !fit.Fitted ? fit.Reason
                    : bothSides ? null
                    : string.Create(CultureInfo.InvariantCulture, $"the window does not reach both sides of the order change [{bracket!.Value.Low}, {bracket.Value.High}]");
                entries.Add((new WindowScanEntry(h, lo, hi, d, fit.MinSize, fit.Points, fit.Fitted, fit.Pc, fit.Exponent, fit.Chi2,
                    atEdge, acceptable, false, entryReason), o with { TraceContour = options.TraceContour, GridPc = options.GridPc, GridExponent = options.GridExponent }));
            }
        }
        if (entries.Count == 0)
        {
            return FssFitter.Fit(points, options with { WindowLow = centre - baseHalfWidth, WindowHigh = centre + baseHalfWidth }) with { WindowSource = "auto" };
        }

        var candidates = entries.Where(e => e.Entry.Acceptable)
            .OrderByDescending(e => e.Entry.Points).ThenBy(e => e.Entry.DroppedSizes).ThenByDescending(e => e.Entry.HalfWidth)
            .ToList();
        var scanEntries = entries.Select(e => e.Entry).ToList();
        FssResult? chosen = null;
        int chosenIndex = -1;
        bool confirmed = false;
        // Confirmation is judged on the default contour (1.3 x chi2_min) whatever level the user chose for the
        // error bars, so that the choice of window, and with it p_c, does not depend on that level.
        foreach (var c in candidates.Take(MaxFullFits))
        {
            var full = FssFitter.Fit(points, c.Options with { Contour = ContourLevel.Default });
            if (full.Fitted && Confirmed(full, c.Entry, scanEntries))
            {
                chosen = c.Options.Contour == ContourLevel.Default ? full : FssFitter.Fit(points, c.Options);
                (chosenIndex, confirmed) = (entries.IndexOf(c), true);
                break;
            }
        }
        if (chosen is null && candidates.Count > 0)
        {
            // Nothing confirmed: keep the acceptable fit nearest the base window (the critical region the
            // crossing and alpha point to), not the widest one, and say it is unstable.
            var nearest = candidates.OrderBy(e => Math.Abs(Math.Log(e.Entry.HalfWidth / baseHalfWidth))).ThenBy(e => e.Entry.DroppedSizes).First();
            chosenIndex = entries.IndexOf(nearest);
            chosen = FssFitter.Fit(points, nearest.Options);
        }
        if (chosen is null)
        {
            // Nothing acceptable: a window over both phases with the lowest chi2 off the edges, then any
            // window over both phases, then any fit off the edges; failing all, the fit with most points
            // (a fitted one first). The flags of the fit say what is wrong.
            Func<WindowScanEntry, bool>[] preferences =
            [
                e => e.Fitted && !e.AtEdge && e.Reason is null,
                e => e.Fitted && e.Reason is null,
                e => e.Fitted && !e.AtEdge,
            ];
            var fallback = preferences
                .Select(wanted => entries.Where(e => wanted(e.Entry)).OrderBy(e => e.Entry.Chi2).FirstOrDefault())
                .FirstOrDefault(e => e.Options is not null);
            if (fallback.Options is null)
            {
                fallback = entries.OrderByDescending(e => e.Entry.Fitted).ThenByDescending(e => e.Entry.Points).First();
            }
            chosenIndex = entries.IndexOf(fallback);
            chosen = FssFitter.Fit(points, fallback.Options);
        }

        var scan = entries.Select((e, k) => k == chosenIndex ? e.Entry with { Chosen = true } : e.Entry).ToArray();
        var picked = scan[chosenIndex];
        var result = chosen with { WindowSource = "auto", DroppedSizes = picked.DroppedSizes, Scan = scan };
        if (result.Fitted && !confirmed)
        {
            result = result with { Flags = CollapseQuality.With(result.Flags, CollapseQuality.WindowUnstable) };
        }
        if (!result.Fitted && result.Reason is { } why)
        {
            result = result with { Reason = string.Create(CultureInfo.InvariantCulture, $"no window of the scan around p_e = {centre:0.###} could be fitted; the widest: {why}") };
        }
        return result;
    }

    /// <summary>
    /// The entry's neighbours (next smaller half-width with the same sizes; the same window with one
    /// more size dropped) that were fitted off the edges all lie inside the full fit's contour box; and
    /// at least one such neighbour exists.
    /// </summary>
    private static bool Confirmed(FssResult full, WindowScanEntry entry, IReadOnlyList<WindowScanEntry> scan)
    {
        if (full.PcLow is not { } pl || full.PcHigh is not { } ph || full.ExponentLow is not { } el || full.ExponentHigh is not { } eh)
        {
            return false;
        }
        // A p_c contour that runs to the edge of the window bounds nothing on that side: every neighbour
        // would fall "inside" it. Such a fit cannot be confirmed.
        var tolerance = 1e-6 * ((full.PcRangeHigh ?? ph) - (full.PcRangeLow ?? pl));
        if (pl <= (full.PcRangeLow ?? double.NegativeInfinity) + tolerance || ph >= (full.PcRangeHigh ?? double.PositiveInfinity) - tolerance)
        {
            return false;
        }
        var smaller = scan.Where(e => e.DroppedSizes == entry.DroppedSizes && e.HalfWidth < entry.HalfWidth && e.Points < entry.Points)
            .OrderByDescending(e => e.HalfWidth).FirstOrDefault();
        var fewerSizes = scan.FirstOrDefault(e => e.DroppedSizes == entry.DroppedSizes + 1 && e.WindowLow == entry.WindowLow && e.WindowHigh == entry.WindowHigh);
        // A neighbour whose minimum sits on its range edge disconfirms: the minimum moves with the window.
        var neighbours = new[] { smaller, fewerSizes }.Where(e => e is { Fitted: true }).Select(e => e!).ToArray();
        return neighbours.Length > 0 && neighbours.All(e => !e.AtEdge && e.Pc >= pl && e.Pc <= ph && e.Exponent >= el && e.Exponent <= eh);
    }
}
