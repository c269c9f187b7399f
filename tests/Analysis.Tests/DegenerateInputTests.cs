using Mentia.Analysis.Io;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Statistics;
using Mentia.Core.Specs;
using Xunit;

namespace Mentia.Analysis.Tests;

/// <summary>Inputs that would fool the analysis into a number: repeated points, flat data, exact ties, constant accuracies.</summary>
public class DegenerateInputTests
{
    private static readonly double[] Rates = Synthetic.Linspace(0.2, 0.5, 20);
    private static readonly double[] Sizes = [500, 1000, 2000, 4000, 8000, 16000];

    [Fact]
    public void Repeated_points_are_refused_by_the_fitter_with_the_points_named()
    {
        var line = Synthetic.Line(FssAnsatz.Bkt, 0.35, 0.8, Rates, Sizes, 0.01, new DeterministicRandom(4));
        var doubled = line.Concat(line).ToList();
        var r = FssFitter.Fit(doubled, new FssOptions());
        Assert.False(r.Fitted);
        Assert.Null(r.Pc);
        Assert.Contains("repeated (p, N)", r.Reason);
        Assert.Contains("x2", r.Reason);
    }

    [Fact]
    public void Repeated_points_in_a_csv_are_refused_with_both_lines()
    {
        var csv = "p,N,y,dy\n0.3,500,1.0,0.01\n0.4,500,1.1,0.01\n0.3,1000,0.9,0.01\n0.3,500,1.02,0.01\n";
        var e = Assert.Throws<AnalysisInputException>(() => PointsCsv.ReadScalingPoints(new StringReader(csv), "f.csv"));
        Assert.Equal(5, e.Line);
        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void Constant_data_is_not_fitted_and_has_no_zero_error_bars()
    {
        var flat = Rates.SelectMany(p => Sizes.Select(n => new ScalingPoint(p, n, 2.3, 0.01))).ToList();
        var r = FssFitter.Fit(flat, new FssOptions());
        Assert.False(r.Fitted);
        Assert.Contains("no size dependence", r.Reason);
        Assert.Null(r.PcErr);
        Assert.Null(r.Pc);
    }

    /// <summary>
    /// p values on an even grid, the true p_c halfway between two of them: over many noise realisations
    /// no estimate may sit exactly on a sampled p (before the fix, the tie order by y pulled minima there).
    /// </summary>
    [Theory]
    [InlineData(FssAnsatz.Bkt, 0.8)]
    [InlineData(FssAnsatz.Algebraic, 2.0)]
    public void Estimates_do_not_snap_onto_sampled_rates(FssAnsatz ansatz, double exponent)
    {
        var pc = (Rates[10] + Rates[11]) / 2;
        int onGrid = 0;
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var line = Synthetic.Line(ansatz, pc, exponent, Rates, Sizes, 0.02, new DeterministicRandom(seed));
            var r = FssFitter.Fit(line, new FssOptions { Ansatz = ansatz, TraceContour = false });
            Assert.True(r.Fitted, r.Reason);
            if (Rates.Any(p => Math.Abs(p - r.Pc!.Value) < 1e-7))
            {
                onGrid++;
            }
        }
        Assert.Equal(0, onGrid);
    }

    [Fact]
    public void At_a_sampled_rate_the_collapse_chi2_is_the_mean_of_its_one_sided_limits()
    {
        var line = Synthetic.Line(FssAnsatz.Bkt, 0.35, 0.8, Rates, Sizes, 0.02, new DeterministicRandom(8));
        var problem = new CollapseProblem(line, FssAnsatz.Bkt, 1.0, 2);
        var p = Rates[9];
        var below = problem.Reduced(p - 1e-7, 0.8);
        var above = problem.Reduced(p + 1e-7, 0.8);
        var at = problem.Reduced(p, 0.8);
        Assert.InRange(at, Math.Min(below, above) - 1e-3, Math.Max(below, above) + 1e-3);
        Assert.Equal((below + above) / 2, at, 3);
    }

    [Fact]
    public void Binder_of_runs_with_identical_passes_is_finite_and_degenerate_resamples_are_counted()
    {
        // p_e = 0: every pass of a run is the same network, so each run's accuracies are constant; runs differ.
        var acc = new CellAccumulator();
        double[] perRun = [0.9712, 0.9688, 0.9731];
        for (int r = 0; r < perRun.Length; r++)
        {
            acc.Record($"r{r}", Enumerable.Repeat(0.1, 10).ToArray(), Enumerable.Repeat(perRun[r], 10).ToArray());
        }
        var s = acc.Snapshot(1000, 5);
        Assert.NotNull(s.Binder);
        Assert.InRange(s.Binder!.Value, 1.0, 3.0);
        Assert.NotNull(s.BinderErr);
        Assert.InRange(s.BinderErr!.Value, 0.0, 10.0);
        // A resample drawing one run three times has constant accuracy: P = 3 / 27 for three runs.
        Assert.InRange(s.BinderResamplesExcluded, 60, 170);

        var constant = new CellAccumulator();
        constant.Record("a", [0.1, 0.1], [0.98, 0.98]);
        constant.Record("b", [0.1, 0.1], [0.98, 0.98]);
        var c = constant.Snapshot(200, 1);
        Assert.Null(c.Binder);
        Assert.Null(c.BinderErr);
    }

    [Fact]
    public void Rounding_level_variance_gives_no_cumulant()
    {
        // The power sums of a constant sample about a shift 0.002 away: m2 is pure cancellation.
        double shift = 0.9700, a = 0.9720, n = 10;
        var d = a - shift;
        Assert.Null(Binder.FromShiftedSums(n, n * d, n * d * d, n * d * d * d, n * d * d * d * d));
    }
}
