using Mentia.Client.Report;
using Mentia.Core.Sweeps;
using ScottPlot;
using Xunit;

namespace Mentia.Client.Tests.Report;

/// <summary>A sweep over several architectures gets the robustness figures; they draw only real boundary estimates.</summary>
public class RobustnessFigureTests
{
    [Fact]
    public void A_sweep_over_several_architectures_gets_one_panel_per_fixed_width_and_per_fixed_depth()
    {
        var m = SharedReports.FiveArchitectures.Manifest;
        var robust = m.Figures.Where(f => f.Family == "robustness").Select(f => f.Key).ToArray();
        Assert.Equal(["robustness-w64-depths", "robustness-d2-widths"], robust);
        Assert.Contains("depths 2, 3, 4 at width 64", m["robustness-w64-depths"].Title);
        Assert.Contains("widths 64, 128, 256 at depth 2", m["robustness-d2-widths"].Title);
        Assert.DoesNotContain(SharedReports.OneArchitecture.Manifest.Figures, f => f.Family == "robustness");
        Assert.Contains("href=\"#robustness\"", File.ReadAllText(m.Index));
    }

    [Fact]
    public void Each_architecture_gets_its_crossing_with_its_error_and_lines_without_a_transition_get_no_point()
    {
        var results = SharedReports.FiveArchitectures.Results;
        Architecture[] archs = [new(64, 2), new(128, 2), new(256, 2)];
        var (plot, _, caption) = RobustnessFigures.Draw(results, archs, "widths", a => $"width {a.Width}");

        var points = plot.GetPlottables().OfType<ScottPlot.Plottables.Markers>().ToArray();
        var bars = plot.GetPlottables().OfType<ScottPlot.Plottables.ErrorBar>().ToArray();
        Assert.Equal(3, points.Length);
        Assert.Equal(3, bars.Length);
        for (int k = 0; k < archs.Length; k++)
        {
            var lines = results.Lines.Where(l => l.Architecture == archs[k]).OrderBy(l => l.TrainRate).ToArray();
            var real = lines.Where(l => l.HasTransition && l.Crossing.Found).ToArray();
            var drawn = points[k].Data.GetScatterPoints().ToArray();
            Assert.Equal(points[k].LegendText, $"width {archs[k].Width}");
            Assert.Equal(real.Length, drawn.Length);
            for (int i = 0; i < real.Length; i++)
            {
                Assert.Equal(real[i].TrainRate, drawn[i].X, 0.02);          // offset a little in p_t, no more
                Assert.Equal(real[i].Crossing.EvalRate!.Value, drawn[i].Y, 12);
                // The crossing's bootstrap error is symmetric by construction: drawn the same both ways.
                Assert.Equal(real[i].Crossing.EvalRateErr!.Value, bars[k].YErrorPositive![i], 12);
                Assert.Equal(real[i].Crossing.EvalRateErr!.Value, bars[k].YErrorNegative![i], 12);
                Assert.Equal(MultiArchSynthetic.Pc(archs[k], real[i].TrainRate), drawn[i].Y, 0.05);
            }
        }
        // p_t 0.9 (amentia) has no estimate for any width, p_t 0.5 none for width 256: crosses, named in the caption.
        var crosses = plot.GetPlottables().OfType<ScottPlot.Plottables.Marker>().Where(x => x.Shape == MarkerShape.Cross).ToArray();
        Assert.Equal(4, crosses.Length);
        Assert.All(crosses, c => Assert.True(c.Y < points.SelectMany(p => p.Data.GetScatterPoints()).Min(q => q.Y)));
        Assert.Contains("width 256: pₜ = 0.5, 0.9", caption);
        Assert.Contains("not a result", caption);
        Assert.Contains("no transition: no estimate", plot.GetPlottables().OfType<ScottPlot.Plottables.Marker>().Select(x => x.LegendText));
        // The p_t axis is numeric: a tick at each sampled p_t, at its own value.
        plot.RenderInMemory(900, 730);
        Assert.Equal(MultiArchSynthetic.TrainRates, plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Position).ToArray());
    }

    [Fact]
    public void A_line_without_a_transition_has_no_estimate_even_where_its_curves_cross()
    {
        var line = SharedReports.FiveArchitectures.Results.Lines.First(l => l.Architecture == new Architecture(64, 2) && l.TrainRate == 0.0);
        Assert.NotNull(RobustnessFigures.Estimate(line));
        Assert.Null(RobustnessFigures.Estimate(line with { Transition = line.Transition! with { Found = false } }));
        Assert.Null(RobustnessFigures.Estimate(line with { Crossing = line.Crossing with { Found = false } }));
        Assert.Null(RobustnessFigures.Estimate(line with { Crossing = line.Crossing with { EvalRateErr = null } }));
    }
}
