using ScottPlot;

namespace Mentia.Client.Report;

/// <summary>The colour bar of a map: a few round-valued ticks and a label set clear of them.</summary>
internal static class ColorBars
{
    /// <summary>
    /// Adds a colour bar on the right. Ticks are placed by hand (tickStep, or a 1-2-5 step giving about six):
    /// ScottPlot sizes the bar's panel from ticks generated for a guessed height, so automatic ticks on the real
    /// height can come out wider than measured and run into the label.
    /// </summary>
    public static void Add(Plot plot, FigureKit.ColorScale scale, string label, double? tickStep = null)
    {
        var bar = plot.Add.ColorBar(scale, Edge.Right);
        var step = tickStep ?? LogAxes.NiceStep((scale.Max - scale.Min) / 6);
        var digits = Math.Clamp(-(int)Math.Floor(Math.Log10(step) + 1e-9), 0, 6);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var v = Math.Ceiling(scale.Min / step - 1e-9) * step; v <= scale.Max + step * 1e-6; v += step)
        {
            var shown = Math.Abs(v) < step * 1e-6 ? 0 : v; // no "-0"
            ticks.AddMajor(shown, shown.ToString("F" + digits.ToString(FigureKit.Inv), FigureKit.Inv).Replace('-', '−'));
        }
        bar.Axis.TickGenerator = ticks;
        bar.Label = label;
        bar.LabelStyle.FontSize = 17;
        // Room between the tick labels and the rotated label.
        bar.LabelStyle.PixelPadding = new PixelPadding(12, 4, 4, 4);
        bar.Axis.TickLabelStyle.FontSize = 14;
    }
}
