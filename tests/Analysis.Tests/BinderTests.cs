using Mentia.Analysis.Statistics;
using Xunit;

namespace Mentia.Analysis.Tests;

public class BinderTests
{
    [Fact]
    public void Gaussian_accuracies_give_three_within_the_sampling_error()
    {
        // 100 runs x 100 passes of N(0.9, 0.01^2). Sampling sd of m4/m2^2 for a Gaussian is sqrt(24/n) ~ 0.049.
        var rng = new DeterministicRandom(31);
        var acc = new CellAccumulator();
        for (int r = 0; r < 100; r++)
        {
            var accs = Enumerable.Range(0, 100).Select(_ => 0.9 + 0.01 * rng.NextGaussian()).ToArray();
            acc.Record($"r{r}", Enumerable.Repeat(0.3, 100).ToArray(), accs);
        }

        var s = acc.Snapshot(1000, 4);

        var analyticSd = Math.Sqrt(24.0 / 10_000);
        Assert.InRange(s.BinderErr!.Value / analyticSd, 0.7, 1.4);
        Assert.InRange(Math.Abs(s.Binder!.Value - 3.0), 0, 3 * s.BinderErr.Value);
    }

    [Fact]
    public void Symmetric_two_point_distribution_gives_one()
    {
        var acc = new CellAccumulator();
        for (int r = 0; r < 5; r++)
        {
            acc.Record($"r{r}", [1, 1, 1, 1], [0.90, 0.96, 0.96, 0.90]);
        }
        Assert.Equal(1.0, acc.Snapshot(100, 1).Binder!.Value, 9);
        Assert.Equal(1.0, Binder.Of([0.2, 0.8, 0.8, 0.2])!.Value, 12);
    }

    [Fact]
    public void Uniform_distribution_gives_nine_fifths()
    {
        var rng = new DeterministicRandom(8);
        var values = Enumerable.Range(0, 200_000).Select(_ => rng.NextDouble()).ToArray();
        Assert.InRange(Binder.Of(values)!.Value, 1.78, 1.82);
    }

    [Fact]
    public void Shifted_power_sums_agree_with_the_two_pass_formula()
    {
        var rng = new DeterministicRandom(17);
        var acc = new CellAccumulator();
        var all = new List<double>();
        for (int r = 0; r < 7; r++)
        {
            var a = Enumerable.Range(0, 3 + r).Select(_ => 0.97 + 0.002 * rng.NextGaussian() + (r % 2) * 0.003).ToArray();
            all.AddRange(a);
            acc.Record($"r{r}", a.Select(_ => 0.1).ToArray(), a);
        }
        Assert.Equal(Binder.Of(all)!.Value, acc.Snapshot(10, 1).Binder!.Value, 9);
    }
}
