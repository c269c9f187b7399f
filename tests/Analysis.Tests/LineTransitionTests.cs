using Mentia.Analysis.Lines;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Statistics;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Xunit;

namespace Mentia.Analysis.Tests;

/// <summary>Whole lines with a known answer: a transition and its window, and lines with none.</summary>
public class LineTransitionTests
{
    private static readonly Architecture Arch = new(100, 2);
    private static readonly double[] Rates = Synthetic.Linspace(0.2, 0.5, 20);
    private static readonly double[] Sizes = [500, 1000, 2000, 4000, 8000, 16000];

    private static LineResult Analyze(IReadOnlyList<ScalingPoint> points) =>
        LineAnalysis.Analyze(Arch, 0.1, points, new AnalysisSettings(), seed: 11);

    private static void AssertNoEstimates(LineResult r, TransitionOutcome expected)
    {
        Assert.NotNull(r.Transition);
        Assert.False(r.HasTransition);
        Assert.Equal(expected, r.Transition!.Outcome);
        Assert.False(r.Crossing.Found);
        Assert.Null(r.Crossing.EvalRate);
        Assert.Contains("no eumentia-dementia transition", r.Crossing.Reason);
        Assert.All(r.Scaling, f =>
        {
            Assert.False(f.Fitted);
            Assert.Null(f.Pc);
            Assert.Null(f.Exponent);
            Assert.Contains(r.Transition.Reason, f.Reason);
        });
        Assert.Empty(PhaseDiagram.Build(Arch, [r]).CrossingBoundary);
    }

    [Fact]
    public void A_bkt_line_has_a_transition_and_an_automatic_window_around_it()
    {
        var line = Synthetic.Line(FssAnsatz.Bkt, 0.35, 0.8, Rates, Sizes, 0.01, new DeterministicRandom(21));
        var r = Analyze(line);
        Assert.True(r.HasTransition, r.Transition!.Reason);
        Assert.InRange(r.Transition.EvalRateBelow!.Value, 0.3, 0.36);
        var bkt = r.Scaling.Single(f => f.Ansatz == FssAnsatz.Bkt);
        Assert.True(bkt.Fitted, bkt.Reason);
        Assert.Equal("auto", bkt.WindowSource);
        Assert.NotEmpty(bkt.Scan);
        Assert.Single(bkt.Scan, e => e.Chosen);
        var chosen = bkt.Scan.Single(e => e.Chosen);
        Assert.Equal(bkt.WindowLow, chosen.WindowLow);
        Assert.InRange(0.35, bkt.WindowLow!.Value, bkt.WindowHigh!.Value);
        Assert.InRange(0.35, bkt.PcLow!.Value, bkt.PcHigh!.Value);
        Assert.InRange(0.8, bkt.ExponentLow!.Value, bkt.ExponentHigh!.Value);
        Assert.DoesNotContain(CollapseQuality.PoorCollapse, bkt.Flags);
        Assert.DoesNotContain(CollapseQuality.PcAtEdge, bkt.Flags);
        Assert.NotNull(bkt.Drift);
    }

    /// <summary>
    /// Far from p_c a term that grows with N and is no function of the scaling variable spoils the
    /// collapse: fitted over the whole range the chi2 is poor; the automatic window stays where the
    /// scaling holds and gets the truth back with an acceptable chi2.
    /// </summary>
    [Fact]
    public void The_automatic_window_avoids_a_region_where_scaling_fails()
    {
        var rng = new DeterministicRandom(5);
        var line = Synthetic.Line(FssAnsatz.Bkt, 0.35, 0.8, Rates, Sizes, 0.01, null)
            .Select(q =>
            {
                var far = Math.Max(0, Math.Abs(q.P - 0.35) - 0.08);
                var y = q.Y + 40 * far * far * Math.Log(q.N / 250) + 0.01 * rng.NextGaussian();
                return q with { Y = y };
            }).ToList();
        var whole = FssFitter.Fit(line, new FssOptions());
        Assert.Contains(CollapseQuality.PoorCollapse, whole.Flags);

        var r = Analyze(line);
        Assert.True(r.HasTransition, r.Transition!.Reason);
        var bkt = r.Scaling.Single(f => f.Ansatz == FssAnsatz.Bkt);
        Assert.True(bkt.Fitted, bkt.Reason);
        Assert.DoesNotContain(CollapseQuality.PoorCollapse, bkt.Flags);
        Assert.True(bkt.WindowHigh - bkt.WindowLow < 0.3, $"window [{bkt.WindowLow}, {bkt.WindowHigh}]");
        Assert.InRange(0.35, bkt.PcLow!.Value, bkt.PcHigh!.Value);
        Assert.True(bkt.Chi2 < whole.Chi2);
    }

    [Fact]
    public void An_amentia_line_at_chance_level_is_never_collapsed()
    {
        var rng = new DeterministicRandom(2);
        var line = Rates.SelectMany(p => Sizes.Select(n => new ScalingPoint(p, n, Math.Log(10) + 0.001 * rng.NextGaussian(), 0.001))).ToList();
        AssertNoEstimates(Analyze(line), TransitionOutcome.Amentia);
    }

    [Fact]
    public void A_line_that_only_improves_with_N_has_no_transition()
    {
        var line = Rates.SelectMany(p => Sizes.Select(n => new ScalingPoint(p, n, (1 + p) * (0.2 + 4 * Math.Pow(n, -0.3)), 0.002))).ToList();
        AssertNoEstimates(Analyze(line), TransitionOutcome.OnlyEumentia);
    }

    [Fact]
    public void A_line_without_size_dependence_is_too_noisy_for_a_transition()
    {
        var rng = new DeterministicRandom(9);
        var line = Rates.SelectMany(p => Sizes.Select(n => new ScalingPoint(p, n, 1 + p + 0.01 * rng.NextGaussian(), 0.01))).ToList();
        AssertNoEstimates(Analyze(line), TransitionOutcome.TooNoisy);
    }

    [Fact]
    public void A_transition_beyond_the_sampled_range_is_reported_at_the_edge()
    {
        // The truth crosses at 0.52, just past the last sampled p_e (0.5).
        var line = Synthetic.Line(FssAnsatz.Bkt, 0.52, 0.8, Rates, Sizes, 0.01, new DeterministicRandom(3));
        var r = Analyze(line);
        Assert.False(r.HasTransition);
        Assert.Contains(r.Transition!.Outcome, new[] { TransitionOutcome.OnlyEumentia, TransitionOutcome.AtEdge });
    }

    [Fact]
    public void A_given_window_wins_over_the_scan()
    {
        var line = Synthetic.Line(FssAnsatz.Bkt, 0.35, 0.8, Rates, Sizes, 0.01, new DeterministicRandom(21));
        var settings = new AnalysisSettings { Fss = new FssSettings { WindowLow = 0.25, WindowHigh = 0.45 } };
        var r = LineAnalysis.Analyze(Arch, 0.1, line, settings, seed: 11);
        Assert.All(r.Scaling, f =>
        {
            Assert.Equal("given", f.WindowSource);
            Assert.Empty(f.Scan);
            Assert.Equal(0.25, f.WindowLow);
        });
    }

    [Fact]
    public void The_analysis_of_a_line_does_not_depend_on_the_order_of_its_points()
    {
        var line = Synthetic.Line(FssAnsatz.Bkt, 0.35, 0.8, Rates, Sizes, 0.01, new DeterministicRandom(21));
        var a = System.Text.Json.JsonSerializer.Serialize(Analyze(line));
        var shuffled = line.OrderBy(q => (q.N * 7919 + q.P * 104729) % 97).ToList();
        var b = System.Text.Json.JsonSerializer.Serialize(Analyze(shuffled));
        Assert.Equal(a, b);
    }
}
