using Xunit;

namespace Mentia.Client.Tests.Report;

/// <summary>The p_t axis of the phase map is numeric: positions proportional to p_t, cells bounded by midpoints.</summary>
public class RateAxisTests
{
    [Fact]
    public void Uneven_p_t_sit_at_their_values_and_their_cells_reach_halfway_to_the_neighbours()
    {
        var results = ReportSynthetic.Build(); // p_t = 0, 0.5, 0.9: uneven on purpose
        var (plot, _) = Mentia.Client.Report.PhaseFigures.AlphaPlot(results.PhaseDiagrams[0]);
        plot.RenderInMemory(1000, 760);

        Assert.Equal([0.0, 0.5, 0.9], plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Position).ToArray());
        float x0 = plot.GetPixel(new(0.0, 0.5)).X, x5 = plot.GetPixel(new(0.5, 0.5)).X, x9 = plot.GetPixel(new(0.9, 0.5)).X;
        // 0.5 -> 0.9 is 0.8 times as wide as 0 -> 0.5 (a categorical axis would make them equal).
        Assert.Equal(0.8, (x9 - x5) / (x5 - x0), 3);

        // Cells: midpoints between neighbours, half a spacing beyond the ends.
        var cells = plot.GetPlottables().OfType<ScottPlot.Plottables.Rectangle>()
            .Select(r => (Math.Round(Math.Min(r.X1, r.X2), 9), Math.Round(Math.Max(r.X1, r.X2), 9))).Distinct().Order().ToArray();
        Assert.Equal([(-0.25, 0.25), (0.25, 0.7), (0.7, 1.1)], cells);
        Assert.Equal(-0.25, plot.Axes.Bottom.Min, 9);
        Assert.Equal(1.1, plot.Axes.Bottom.Max, 9);
    }
}
