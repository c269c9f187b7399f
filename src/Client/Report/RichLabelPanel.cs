using ScottPlot;
using SkiaSharp;

namespace Mentia.Client.Report;

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
