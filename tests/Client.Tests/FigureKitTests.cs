using Mentia.Client.Report;
using ScottPlot;
using Xunit;

namespace Mentia.Client.Tests;

/// <summary>Asymmetric error bars point the right way: +high up, −low down (ScottPlot's constructor order is easy to swap).</summary>
public class FigureKitTests
{
    [Fact]
    public void Estimates_draw_the_upper_extent_upwards_and_the_lower_downwards()
    {
        var plot = new Plot();
        FigureKit.Estimates(plot, [0.0, 1.0], [0.5, 0.6], down: [0.01, 0.02], up: [0.30, 0.40], hollow: [false, true], Colors.Red, MarkerShape.FilledCircle, "p_c");
        var bars = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.ErrorBar>());
        Assert.Equal([0.30, 0.40], bars.YErrorPositive!);
        Assert.Equal([0.01, 0.02], bars.YErrorNegative!);
        var limits = bars.GetAxisLimits();
        Assert.Equal(1.0, limits.Top, 9);     // 0.6 + 0.40
        Assert.Equal(0.49, limits.Bottom, 9); // 0.5 - 0.01
    }

    [Fact]
    public void Bounds_are_printed_plus_high_minus_low()
    {
        Assert.Equal("0.659 +0.093/−0.032", FigureKit.WithBounds(0.6594, 0.6274, 0.7524));
        Assert.Equal("–", FigureKit.WithBounds(null, 0.1, 0.2));
    }
}
