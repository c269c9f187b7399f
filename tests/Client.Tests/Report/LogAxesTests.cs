using Mentia.Client.Report;
using Xunit;

namespace Mentia.Client.Tests.Report;

/// <summary>A log axis is labelled however narrow its range: a loss flat at ln 10 still gets readable ticks.</summary>
public class LogAxesTests
{
    [Theory]
    [InlineData(2.25, 2.36)]   // a loss at chance level (p_t = 0.95): no 1..9 multiple inside
    [InlineData(2.0, 2.4)]     // one multiple inside
    [InlineData(0.3, 30)]      // decades: 1-2-5
    [InlineData(0.0101, 0.0104)]
    public void Every_range_gets_at_least_two_labelled_ticks_inside_it(double lo, double hi)
    {
        var plot = new ScottPlot.Plot();
        plot.Axes.SetLimitsY(Math.Log10(lo), Math.Log10(hi));
        plot.Axes.Left.TickGenerator = LogAxes.Ticks(Math.Log10(lo), Math.Log10(hi));
        plot.RenderInMemory(600, 500);
        var ticks = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).ToArray();
        Assert.True(ticks.Length >= 2, $"[{lo}, {hi}]: {ticks.Length} ticks");
        Assert.All(ticks, t => Assert.InRange(t.Position, Math.Log10(lo) - 1e-9, Math.Log10(hi) + 1e-9));
        Assert.All(ticks, t => Assert.False(string.IsNullOrWhiteSpace(t.Label)));
        // Labels are the data values at their positions, and distinct.
        Assert.All(ticks, t => Assert.Equal(Math.Pow(10, t.Position), double.Parse(t.Label, System.Globalization.CultureInfo.InvariantCulture), Math.Pow(10, t.Position) * 1e-6));
        Assert.Equal(ticks.Length, ticks.Select(t => t.Label).Distinct().Count());
    }
}
