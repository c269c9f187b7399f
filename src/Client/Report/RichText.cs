using System.Text;
using ScottPlot;
using SkiaSharp;

namespace Mentia.Client.Report;

/// <summary>
/// Exponents and indices in figure text: "N^(1/ν)", "N^α" and "p_c" are drawn with a real superscript or subscript.
/// ScottPlot's labels are plain text and Unicode has no superscript ν or κ, so a title or axis label that needs
/// one is drawn by <see cref="RichLabelPanel"/> instead, straight onto the canvas: the same in PNG, SVG and PDF.
/// </summary>
internal static class RichText
{
    /// <summary>A piece of text: Shift +1 superscript, −1 subscript, 0 on the line.</summary>
    internal readonly record struct Run(string Text, int Shift);

    /// <summary>
    /// Splits text into runs: "^(…)" (balanced) or "^" followed by letters, digits and '−' is a superscript;
    /// "_" between a letter (or ²) and letters is a subscript (p_c, χ²_min). Everything else is on the line.
    /// </summary>
    public static IReadOnlyList<Run> Parse(string text)
    {
        var runs = new List<Run>();
        var line = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '^' && i + 1 < text.Length)
            {
                string? sup = null;
                int next = i + 1;
                if (text[next] == '(')
                {
                    int depth = 0, j = next;
                    for (; j < text.Length; j++)
                    {
                        depth += text[j] == '(' ? 1 : text[j] == ')' ? -1 : 0;
                        if (depth == 0)
                        {
                            break;
                        }
                    }
                    if (j < text.Length)
                    {
                        sup = text[(next + 1)..j];
                        next = j + 1;
                    }
                }
                else
                {
                    int j = next;
                    while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] == '−'))
                    {
                        j++;
                    }
                    if (j > next)
                    {
                        sup = text[next..j];
                        next = j;
                    }
                }
                if (sup is not null)
                {
                    Flush();
                    runs.Add(new Run(sup, +1));
                    i = next;
                    continue;
                }
            }
            if (c == '_' && i > 0 && (char.IsLetter(text[i - 1]) || text[i - 1] == '²') && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                int j = i + 1;
                while (j < text.Length && char.IsLetter(text[j]))
                {
                    j++;
                }
                Flush();
                runs.Add(new Run(text[(i + 1)..j], -1));
                i = j;
                continue;
            }
            line.Append(c);
            i++;
        }
        Flush();
        return runs;

        void Flush()
        {
            if (line.Length > 0)
            {
                runs.Add(new Run(line.ToString(), 0));
                line.Clear();
            }
        }
    }

    /// <summary>True when the text has a superscript or subscript to draw.</summary>
    public static bool IsRich(string text) => Parse(text).Any(r => r.Shift != 0);

    /// <summary>
    /// Replaces the title and the bottom and left axis labels that need rich text by <see cref="RichLabelPanel"/>s
    /// at the same size (idempotent: a label already replaced is empty).
    /// </summary>
    public static void Apply(Plot plot)
    {
        // Panels stack outwards in the order they were added: take the others (a legend below the plot) off and
        // put them back after the labels, so a label sits next to its axis and the legend outside it.
        var axes = plot.Axes.GetAxes().Cast<IPanel>().Append(plot.Axes.Title).ToHashSet();
        var others = plot.Axes.GetPanels().Where(p => !axes.Contains(p)).ToArray();
        foreach (var p in others)
        {
            plot.Axes.Remove(p);
        }
        Replace(plot.Axes.Title.Label, Edge.Top);
        Replace(plot.Axes.Bottom.Label, Edge.Bottom);
        Replace(plot.Axes.Left.Label, Edge.Left);
        foreach (var p in others)
        {
            plot.Axes.AddPanel(p);
        }

        void Replace(LabelStyle label, Edge edge)
        {
            if (string.IsNullOrEmpty(label.Text) || !IsRich(label.Text))
            {
                return;
            }
            plot.Axes.AddPanel(new RichLabelPanel(label.Text, edge, label.FontSize));
            label.Text = "";
        }
    }
}

/// <summary>A title or axis label with superscripts and subscripts, centred on the data area like ScottPlot's own.</summary>
internal sealed class RichLabelPanel(string text, Edge edge, float fontSize) : IPanel
{
    private const float Pad = 3;
    private readonly IReadOnlyList<RichText.Run> _runs = RichText.Parse(text);

    /// <summary>The text as written, with its markup.</summary>
    public string Text { get; } = text;

    public bool IsVisible { get; set; } = true;
    public Edge Edge { get; } = edge;
    public float MinimumSize { get; set; }
    public float MaximumSize { get; set; } = float.MaxValue;
    public bool ShowDebugInformation { get; set; }

    // Room for a raised superscript above the line and a lowered subscript below it.
    public float Measure(Paint paint) => IsVisible ? fontSize * 1.7f + 2 * Pad : 0;

    public PixelRect GetPanelRect(PixelRect dataRect, float size, float offset, Paint paint) => Edge switch
    {
        Edge.Bottom => new PixelRect(dataRect.Left, dataRect.Right, dataRect.Bottom + offset + size, dataRect.Bottom + offset),
        Edge.Top => new PixelRect(dataRect.Left, dataRect.Right, dataRect.Top - offset, dataRect.Top - offset - size),
        Edge.Left => new PixelRect(dataRect.Left - offset - size, dataRect.Left - offset, dataRect.Bottom, dataRect.Top),
        _ => new PixelRect(dataRect.Right + offset, dataRect.Right + offset + size, dataRect.Bottom, dataRect.Top),
    };

    public void Render(RenderPack rp, float size, float offset)
    {
        if (!IsVisible)
        {
            return;
        }
        using var typeface = (FigureKit.FontName.Value is { } name ? SKTypeface.FromFamilyName(name) : null) ?? SKTypeface.Default;
        using var line = new SKFont(typeface, fontSize) { Subpixel = true, Edging = SKFontEdging.Antialias };
        using var small = new SKFont(typeface, fontSize * 0.7f) { Subpixel = true, Edging = SKFontEdging.Antialias };
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var width = _runs.Sum(r => (r.Shift == 0 ? line : small).MeasureText(r.Text));
        // Baseline of the line text: a superscript's raise above the cap height, then the glyphs.
        var baseline = Pad + 0.35f * fontSize + fontSize * 0.95f;
        var rect = GetPanelRect(rp.DataRect, size, offset, rp.Paint);
        rp.Canvas.Save();
        switch (Edge)
        {
            case Edge.Left:
                rp.Canvas.Translate(rect.Left + baseline, rp.DataRect.VerticalCenter);
                rp.Canvas.RotateDegrees(-90);
                break;
            case Edge.Top:
                // Below the figure's top edge by the panel's free space, like ScottPlot's title.
                rp.Canvas.Translate(rp.DataRect.HorizontalCenter, rect.Top + baseline);
                break;
            default:
                rp.Canvas.Translate(rp.DataRect.HorizontalCenter, rect.Top + baseline);
                break;
        }
        var x = -width / 2;
        foreach (var r in _runs)
        {
            var font = r.Shift == 0 ? line : small;
            var dy = r.Shift > 0 ? -0.42f * fontSize : r.Shift < 0 ? 0.22f * fontSize : 0;
            rp.Canvas.DrawText(r.Text, x, dy, SKTextAlign.Left, font, paint);
            x += font.MeasureText(r.Text);
        }
        rp.Canvas.Restore();
    }
}
