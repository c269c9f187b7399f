using Mentia.Analysis.Statistics;
using Xunit;

namespace Mentia.Analysis.Tests;

public class BootstrapTests
{
    [Fact]
    public void Error_of_the_mean_of_independent_runs_matches_sigma_over_root_n()
    {
        // 400 runs of one pass each from N(1, 0.5^2): the standard error of the mean is 0.025.
        const int n = 400;
        const double sigma = 0.5;
        var rng = new DeterministicRandom(2024);
        var acc = new CellAccumulator();
        for (int r = 0; r < n; r++)
        {
            acc.Record($"r{r:D3}", [1.0 + sigma * rng.NextGaussian()], [0.9]);
        }

        var se = acc.Snapshot(2000, 77).MeanLossErr!.Value;

        var analytic = sigma / Math.Sqrt(n);
        Assert.InRange(se / analytic, 0.9, 1.1);
    }

    [Fact]
    public void Error_counts_runs_not_passes_when_passes_share_a_run_effect()
    {
        // Run effect tau, pass noise s, m passes: SE of the grand mean = sqrt(tau^2 + s^2/m) / sqrt(n).
        // Treating the n*m passes as independent would give s_total / sqrt(n m), about 3x smaller here.
        const int n = 300, m = 10;
        const double tau = 0.2, s = 0.3;
        var rng = new DeterministicRandom(99);
        var acc = new CellAccumulator();
        for (int r = 0; r < n; r++)
        {
            var effect = tau * rng.NextGaussian();
            var losses = Enumerable.Range(0, m).Select(_ => 2.0 + effect + s * rng.NextGaussian()).ToArray();
            acc.Record($"run-{r}", losses, Enumerable.Repeat(0.5, m).ToArray());
        }

        var se = acc.Snapshot(2000, 5).MeanLossErr!.Value;

        var analytic = Math.Sqrt(tau * tau + s * s / m) / Math.Sqrt(n);
        Assert.InRange(se / analytic, 0.9, 1.1);
    }

    [Fact]
    public void Standalone_pooled_mean_error_agrees_with_the_accumulator()
    {
        var rng = new DeterministicRandom(3);
        var sums = Enumerable.Range(0, 50).Select(_ => 3 * (1 + 0.1 * rng.NextGaussian())).ToArray();
        var counts = Enumerable.Repeat(3, 50).ToArray();
        var acc = new CellAccumulator();
        for (int r = 0; r < 50; r++)
        {
            acc.Record($"k{r:D2}", [sums[r], 0, 0], [0.5, 0.6, 0.7]);
        }

        var standalone = Bootstrap.StandardErrorOfPooledMean(sums, counts, 1000, 8)!.Value;

        Assert.Equal(acc.Snapshot(1000, 8).MeanLossErr!.Value, standalone, 12);
        Assert.Null(Bootstrap.StandardErrorOfPooledMean([1.0], [1], 1000, 8));
    }

    [Fact]
    public void Random_stream_is_reproducible_and_unbiased()
    {
        var a = new DeterministicRandom(123);
        var b = new DeterministicRandom(123);
        Assert.Equal(Enumerable.Range(0, 10).Select(_ => a.NextUInt64()), Enumerable.Range(0, 10).Select(_ => b.NextUInt64()));

        var g = new DeterministicRandom(5);
        var values = Enumerable.Range(0, 100_000).Select(_ => g.NextGaussian()).ToArray();
        var mean = values.Average();
        var variance = values.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);

        var counts = new int[7];
        for (int i = 0; i < 70_000; i++)
        {
            counts[g.NextInt(7)]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 9_600, 10_400));
    }
}
