using Mentia.Analysis.Exponents;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Statistics;
using Mentia.Core.Specs;
using Xunit;

namespace Mentia.Analysis.Tests;

public class AlphaFitTests
{
    private static readonly double[] Sizes = [250, 500, 1000, 2000, 4000, 8000];

    /// <summary>y = c N^alpha with a relative error rel, Gaussian noise of that size when a generator is given.</summary>
    private static SizePoint[] PowerLaw(double c, double alpha, double rel, DeterministicRandom? noise) =>
        Sizes.Select(n =>
        {
            var y = c * Math.Pow(n, alpha);
            var dy = rel * y;
            return new SizePoint(n, y + (noise is null ? 0 : dy * noise.NextGaussian()), dy);
        }).ToArray();

    [Theory]
    [InlineData(-0.3, 5.0, Phase.Eumentia)]
    [InlineData(0.2, 0.1, Phase.Dementia)]
    [InlineData(0.0, 2.30, Phase.Amentia)]
    [InlineData(0.0, 1.0, Phase.Undecided)]
    public void Known_power_law_is_recovered_and_classified(double alpha, double c, Phase expected)
    {
        var points = PowerLaw(c, alpha, 0.01, new DeterministicRandom(77));

        var fit = AlphaFit.Fit(points);
        var phase = PhaseClassifier.Classify(fit, points, new AnalysisSettings());

        Assert.True(fit.Fitted);
        Assert.InRange(Math.Abs(fit.Alpha!.Value - alpha), 0, 2 * fit.AlphaErr!.Value);
        Assert.InRange(fit.AlphaErr.Value, 0.002, 0.01);
        Assert.Equal(expected, phase.Phase);
        Assert.Equal(4, fit.Dof);
        Assert.InRange(fit.PValue!.Value, 0.01, 1.0);
    }

    [Fact]
    public void Noiseless_power_law_is_exact()
    {
        var fit = AlphaFit.Fit(PowerLaw(3.0, -0.42, 0.02, null));
        Assert.Equal(-0.42, fit.Alpha!.Value, 12);
        Assert.Equal(Math.Log(3.0), fit.Intercept!.Value, 10);
        Assert.Equal(0.0, fit.Chi2!.Value, 15);
    }

    [Fact]
    public void Reported_error_matches_the_scatter_over_noise_realisations()
    {
        var rng = new DeterministicRandom(2);
        var alphas = new List<double>();
        double reported = 0;
        for (int k = 0; k < 400; k++)
        {
            var fit = AlphaFit.Fit(PowerLaw(1.5, 0.1, 0.02, rng));
            alphas.Add(fit.Alpha!.Value);
            reported = fit.AlphaErr!.Value;
        }
        var mean = alphas.Average();
        var sd = Math.Sqrt(alphas.Sum(a => (a - mean) * (a - mean)) / (alphas.Count - 1));
        Assert.InRange(sd / reported, 0.9, 1.1);
        Assert.InRange(mean, 0.1 - 3 * sd / 20, 0.1 + 3 * sd / 20);
    }

    [Fact]
    public void Fewer_than_three_sizes_says_so()
    {
        var fit = AlphaFit.Fit([new SizePoint(100, 1, 0.1), new SizePoint(200, 0.9, 0.1), new SizePoint(200, 0.91, 0.1)]);
        Assert.False(fit.Fitted);
        Assert.Null(fit.Alpha);
        Assert.Equal(2, fit.Sizes);
        Assert.Contains("at least 3 sizes", fit.Reason);
        Assert.Equal(Phase.Undecided, PhaseClassifier.Classify(fit, [], new AnalysisSettings()).Phase);
    }

    [Fact]
    public void Invalid_points_are_refused()
    {
        Assert.Throws<ArgumentException>(() => AlphaFit.Fit([new SizePoint(100, -1, 0.1), new SizePoint(200, 1, 0.1), new SizePoint(300, 1, 0.1)]));
        Assert.Throws<ArgumentException>(() => AlphaFit.Fit([new SizePoint(100, 1, 0), new SizePoint(200, 1, 0.1), new SizePoint(300, 1, 0.1)]));
    }

    [Fact]
    public void Threshold_in_standard_errors_decides()
    {
        var fit = new AlphaFitResult { Fitted = true, Sizes = 3, Points = 3, Alpha = -0.05, AlphaErr = 0.02 };
        Assert.Equal(Phase.Eumentia, PhaseClassifier.Classify(fit, [], 2.0, 0.1).Phase);
        Assert.Equal(Phase.Undecided, PhaseClassifier.Classify(fit, [], 3.0, 0.1).Phase);
        var chance = new[] { new SizePoint(100, 2.25, 0.01), new SizePoint(200, 2.40, 0.01) };
        Assert.Equal(Phase.Amentia, PhaseClassifier.Classify(fit, chance, 3.0, 0.1).Phase);
        Assert.Equal(Phase.Undecided, PhaseClassifier.Classify(fit, chance, 3.0, 0.01).Phase);
    }

    [Fact]
    public void Chance_level_loss_at_every_size_is_amentia_even_with_a_tiny_significant_alpha()
    {
        // Measured on MNIST at p_t = 0.95: loss 2.3036 -> 2.3006 over N = 250..2000, alpha -0.0005 +- 0.0002.
        var fit = new AlphaFitResult { Fitted = true, Sizes = 4, Points = 4, Alpha = -0.000535, AlphaErr = 0.000169 };
        var chance = new[] { new SizePoint(250, 2.3036, 0.0005), new SizePoint(500, 2.3020, 0.0005), new SizePoint(1000, 2.2999, 0.0005), new SizePoint(2000, 2.3006, 0.0005) };
        Assert.Equal(Phase.Amentia, PhaseClassifier.Classify(fit, chance, 2.0, 0.05).Phase);
        // The same alpha on a loss that learned something is eumentia.
        var learned = chance.Select(p => p with { Y = p.Y - 1.0 }).ToArray();
        Assert.Equal(Phase.Eumentia, PhaseClassifier.Classify(fit, learned, 2.0, 0.05).Phase);
    }
}
