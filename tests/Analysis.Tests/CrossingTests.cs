using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Statistics;
using Mentia.Core.Specs;
using Xunit;

namespace Mentia.Analysis.Tests;

public class CrossingTests
{
    // All curves y = F((p - pc) g(N)) pass through F(0) at p = pc: the crossing is pc for every pair.
    private static List<ScalingPoint> Curves(double pc, double dy, DeterministicRandom? noise) =>
        Synthetic.Line(FssAnsatz.Bkt, pc, 0.8, Synthetic.Linspace(0.2, 0.5, 20), FssFitterTests.BktSizes, dy, noise);

    [Fact]
    public void Noiseless_curves_cross_at_pc()
    {
        // Between grid points the curves are interpolated linearly, so the crossing is exact only
        // up to the curvature of F over one p step; 0.353 sits between grid points on purpose.
        var r = Crossing.Estimate(Curves(0.353, 0.001, null), seed: 1, replicates: 200);
        Assert.True(r.Found);
        Assert.Equal(5, r.Pairs.Count);
        Assert.All(r.Pairs, p => Assert.InRange(p.EvalRate!.Value, 0.351, 0.355));
        Assert.InRange(r.EvalRate!.Value, 0.352, 0.354);
        Assert.InRange(r.EvalRateErr!.Value, 0, 0.002);
        Assert.All(r.Pairs, p => Assert.Equal(1.0, p.FoundFraction));
    }

    [Fact]
    public void Noisy_curves_cross_at_pc_within_the_bootstrap_error()
    {
        var r = Crossing.Estimate(Curves(0.35, 0.01, new DeterministicRandom(9)), seed: 2);
        Assert.True(r.Found);
        Assert.InRange(r.EvalRateErr!.Value, 1e-4, 0.02);
        Assert.InRange(Math.Abs(r.EvalRate!.Value - 0.35), 0, 3 * r.EvalRateErr.Value);
    }

    [Fact]
    public void Bootstrap_error_matches_the_scatter_over_noise_realisations()
    {
        var rng = new DeterministicRandom(44);
        var estimates = new List<double>();
        var errors = new List<double>();
        for (int k = 0; k < 60; k++)
        {
            var r = Crossing.Estimate(Curves(0.35, 0.01, rng), seed: (ulong)k, replicates: 300);
            estimates.Add(r.EvalRate!.Value);
            errors.Add(r.EvalRateErr!.Value);
        }
        var mean = estimates.Average();
        var sd = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (estimates.Count - 1));
        Assert.InRange(errors.Average() / sd, 0.7, 1.4);
    }

    [Fact]
    public void Curves_that_do_not_cross_say_so()
    {
        var parallel = new List<ScalingPoint>();
        foreach (var n in new[] { 100.0, 200.0 })
        {
            foreach (var p in Synthetic.Linspace(0.1, 0.5, 5))
            {
                parallel.Add(new ScalingPoint(p, n, 2 - n / 1000, 0.001));
            }
        }
        var r = Crossing.Estimate(parallel, seed: 1, replicates: 50);
        Assert.False(r.Found);
        Assert.Null(r.EvalRate);
        Assert.Contains("do not cross", r.Reason);
        Assert.False(Crossing.Estimate(parallel.Where(q => q.N == 100).ToList(), 1).Found);
    }

    [Fact]
    public void The_upward_change_that_best_splits_the_points_is_kept()
    {
        double[] p = [0, 1, 2, 3, 4, 5, 6];
        // A noisy blip at p = 1..2 (up then down) before the real crossing between 4 and 5.
        double[] d = [-1, 0.1, -0.5, -1, -0.5, 0.5, 1];
        Assert.Equal(4.5, Crossing.Find(p, d)!.Value, 12);
        Assert.Null(Crossing.Find(p, [1, 1, 1, 1, 1, 1, 1]));
    }
}
