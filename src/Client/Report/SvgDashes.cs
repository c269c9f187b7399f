using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;

namespace Mentia.Client.Report;

/// <summary>
/// SVG with the dash patterns of the PNG as stroke-dasharray. Skia's SVG backend has no dash effects: it either
/// draws a dashed line solid or (SkiaSharp 3) expands every dash into a filled polygon, which a paper's editor
/// cannot restyle. So each dashed line is drawn solid in a unique sentinel colour, and the sentinel's stroke in
/// the written SVG is replaced by the real colour with the pattern as stroke-dasharray.
/// </summary>
internal static partial class SvgDashes
{
    /// <summary>Writes plot as SVG with dash patterns kept; the plot is left as it was.</summary>
    public static void SaveSvg(Plot plot, string path, int width, int height)
    {
        var dashed = plot.GetPlottables().OfType<IHasLine>()
            .Where(p => p.LineWidth > 0 && p.LinePattern.Intervals is { Length: > 0 })
            .Select(p => (Item: p, p.LineColor, p.LinePattern))
            .ToArray();
        // One sentinel per distinct (colour, pattern), in a colour block no figure uses (#0d17xx): the figures
        // have a handful of dashed styles (a phase map's many boundary segments share three).
        var styles = dashed.Select(d => (d.LineColor, Key: Intervals(d.LinePattern))).Distinct().ToList();
        if (styles.Count > 256)
        {
            throw new InvalidOperationException($"{styles.Count} dashed line styles in one figure: more than the SVG sentinels can tell apart");
        }
        var replace = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (item, color, pattern) in dashed)
        {
            var k = styles.IndexOf((color, Intervals(pattern)));
            var sentinel = new Color(0x0d, 0x17, (byte)k, color.A);
            replace[Hex(sentinel)] = $"stroke=\"{Hex(color)}\" stroke-dasharray=\"{Intervals(pattern)}\"";
            item.LineColor = sentinel;
            item.LinePattern = LinePattern.Solid;
        }
        try
        {
            plot.SaveSvg(path, width, height);
        }
        finally
        {
            foreach (var (item, color, pattern) in dashed)
            {
                item.LineColor = color;
                item.LinePattern = pattern;
            }
        }
        if (replace.Count > 0)
        {
            var xml = File.ReadAllText(path);
            xml = SentinelStroke().Replace(xml, m => replace.TryGetValue(m.Groups[1].Value, out var real) ? real : m.Value);
            File.WriteAllText(path, xml);
        }
    }

    private static string Intervals(LinePattern p) => string.Join(' ', p.Intervals.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture)));

    private static string Hex(Color c) => $"#{c.R:x2}{c.G:x2}{c.B:x2}";

    [GeneratedRegex("stroke=\"(#0d17[0-9a-f]{2})\"", RegexOptions.IgnoreCase)]
    private static partial Regex SentinelStroke();
}
