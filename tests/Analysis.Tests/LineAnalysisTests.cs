using Mentia.Analysis.Lines;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Statistics;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Xunit;

namespace Mentia.Analysis.Tests;

public class LineAnalysisTests
{
    private static readonly Architecture Arch = new(100, 2);
    private static readonly double[] Rates = Synthetic.Linspace(0.2, 0.5, 20);
    private static readonly int[] Sizes = [500, 1000, 2000, 4000, 8000, 16000];

    /// <summary>
    /// A line built run by run through accumulators: every run's loss is the BKT-form truth plus a
    /// run effect (sd 0.03, what the bootstrap must see) and pass noise (sd 0.01).
    /// </summary>
    private static LineInput BuildLine(double pt, double pc, ulong seed, int runs = 8, int[]? sizes = null)
    {
        sizes ??= Sizes;
        var rng = new DeterministicRandom(seed);
        var truth = Synthetic.Line(FssAnsatz.Bkt, pc, 0.8, Rates, sizes.Select(n => (double)n).ToArray(), 0, null);
        var cells = new List<LineCell>();
        foreach (var t in truth)
        {
            var acc = new CellAccumulator();
            for (int r = 0; r < runs; r++)
            {
                var effect = 0.03 * rng.NextGaussian();
                var losses = Enumerable.Range(0, 5).Select(_ => t.Y + effect + 0.01 * rng.NextGaussian()).ToArray();
                var accs = losses.Select(l => 1 - l / 3).ToArray();
                acc.Record($"r{r}", losses, accs);
            }
            cells.Add(new LineCell(t.P, (int)t.N, acc.Snapshot(200, seed ^ (ulong)cells.Count)));
        }
        return new LineInput(Arch, pt, cells);
    }

    [Fact]
    public void A_full_line_gives_phases_crossing_and_both_collapses()
    {
        var result = LineAnalysis.Analyze(BuildLine(0.1, 0.35, 7), new AnalysisSettings(), seed: 3);

        Assert.Empty(result.Notes);
        Assert.Equal(20, result.Alphas.Count);
        // Far from p_c the truth saturates (tanh) and alpha goes to 0; near it the sign of alpha is that of p_e - p_c.
        var eumentia = result.Alphas.Where(a => a.Classification.Phase == Phase.Eumentia).ToList();
        var dementia = result.Alphas.Where(a => a.Classification.Phase == Phase.Dementia).ToList();
        Assert.True(eumentia.Count >= 3 && dementia.Count >= 3, string.Join(", ", result.Alphas.Select(a => $"{a.EvalRate:F3}:{a.Classification.Phase}")));
        Assert.All(eumentia, a => Assert.True(a.EvalRate < 0.35));
        Assert.All(dementia, a => Assert.True(a.EvalRate > 0.35));
        Assert.DoesNotContain(result.Alphas, a => a.Classification.Phase == Phase.Amentia);

        Assert.True(result.Crossing.Found);
        Assert.InRange(Math.Abs(result.Crossing.EvalRate!.Value - 0.35), 0, 3 * result.Crossing.EvalRateErr!.Value);

        Assert.Equal([FssAnsatz.Bkt, FssAnsatz.Algebraic], result.Scaling.Select(s => s.Ansatz));
        var bkt = result.Scaling[0];
        Assert.True(bkt.Fitted, bkt.Reason);
        Assert.InRange(Math.Abs(bkt.Pc!.Value - 0.35), 0, 2 * bkt.PcErr!.Value);
        Assert.InRange(Math.Abs(bkt.Exponent!.Value - 0.8), 0, 2 * bkt.ExponentErr!.Value);
        Assert.True(result.Scaling[1].Fitted);

        // Plain records: System.Text.Json writes them whole, with no NaN anywhere.
        var json = System.Text.Json.JsonSerializer.Serialize(result);
        Assert.DoesNotContain("NaN", json);
        Assert.Contains("\"GlobalMap\"", json);
    }

    [Fact]
    public void Thin_data_is_skipped_with_reasons()
    {
        var input = BuildLine(0.1, 0.35, 9, runs: 1, sizes: [1000, 2000]);
        var twoRuns = BuildLine(0.1, 0.35, 9, runs: 2, sizes: [1000, 2000]);

        var none = LineAnalysis.Analyze(input, new AnalysisSettings(), seed: 1);
        Assert.Single(none.Notes);
        Assert.Empty(none.Alphas);
        Assert.False(none.Crossing.Found);
        Assert.All(none.Scaling, s => Assert.False(s.Fitted));
        // One run per cell: the reason is the missing error bars, not missing results.
        Assert.Contains("each has 1 training run", none.Transition!.Reason);
        Assert.DoesNotContain("no p_e has results yet", none.Transition.Reason);

        var two = LineAnalysis.Analyze(twoRuns, new AnalysisSettings(), seed: 1);
        Assert.All(two.Alphas, a => Assert.Equal(Phase.Undecided, a.Classification.Phase));
        Assert.All(two.Alphas, a => Assert.Contains("at least 3 sizes", a.Fit.Reason));
        // Without alpha no p_e can show the order of the curves, so no transition is declared and nothing is fitted.
        Assert.Equal(TransitionOutcome.TooFewSizes, two.Transition!.Outcome);
        Assert.False(two.Crossing.Found);
        Assert.All(two.Scaling, s => Assert.False(s.Fitted));
        Assert.All(two.Scaling, s => Assert.Contains("at least 3 sizes", s.Reason));
    }

    [Fact]
    public void Settings_choose_ansatzes_window_and_contour()
    {
        var settings = new AnalysisSettings
        {
            Fss = new FssSettings { Ansatzes = [FssAnsatz.Algebraic], WindowLow = 0.25, WindowHigh = 0.45, Contour = ContourLevel.PlusOne },
        };
        var result = LineAnalysis.Analyze(BuildLine(0.0, 0.35, 5), settings, seed: 1);
        var fit = Assert.Single(result.Scaling);
        Assert.Equal(FssAnsatz.Algebraic, fit.Ansatz);
        Assert.Equal("+1", fit.ContourLevel);
        Assert.Equal(0.25, fit.WindowLow);
        Assert.True(fit.Points < 120);
    }

    [Fact]
    public void Phase_diagram_from_lines_has_the_boundary_and_the_crossing_line()
    {
        double[] pts = [0.0, 0.1, 0.2];
        double[] pcs = [0.30, 0.35, 0.40];
        var lines = pts.Select((pt, k) => LineAnalysis.Analyze(BuildLine(pt, pcs[k], 100 + (ulong)k), new AnalysisSettings(), seed: 1)).ToList();

        var diagram = PhaseDiagram.Build(Arch, lines);

        Assert.Equal(60, diagram.Cells.Count);
        Assert.Equal(3, diagram.Grid.TrainRates.Count);
        Assert.Equal(3, diagram.CrossingBoundary.Count);
        for (int k = 0; k < 3; k++)
        {
            var c = diagram.CrossingBoundary[k];
            Assert.Equal(pts[k], c.TrainRate);
            Assert.InRange(Math.Abs(c.EvalRate - pcs[k]), 0, 3 * c.EvalRateErr!.Value);
        }
        // Eumentia and dementia are separated near the crossing at every p_t.
        var ed = diagram.Boundaries.Where(b => b.First == Phase.Eumentia && b.Second == Phase.Dementia).SelectMany(b => b.Points).ToList();
        Assert.All(diagram.Cells.Where(c => c.Phase == Phase.Eumentia), c => Assert.True(c.EvalRate < pcs[Array.IndexOf(pts, c.TrainRate)] + 0.02));
        Assert.All(diagram.Cells.Where(c => c.Phase == Phase.Dementia), c => Assert.True(c.EvalRate > pcs[Array.IndexOf(pts, c.TrainRate)] - 0.02));
        Assert.NotEmpty(diagram.Boundaries);
        Assert.All(diagram.Boundaries.SelectMany(b => b.Points), q => Assert.InRange(q.EvalRate, 0.2, 0.5));
        Assert.True(ed.Count > 0 || diagram.Boundaries.Any(b => b.Second == Phase.Undecided));
    }
}
