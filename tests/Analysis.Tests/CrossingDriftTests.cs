using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Statistics;
using Mentia.Core.Specs;
using Xunit;

namespace Mentia.Analysis.Tests;

/// <summary>Pair crossings that drift with N as each ansatz says, with the N -> infinity limit built in.</summary>
public class CrossingDriftTests
{
    private static readonly double[] Sizes = [500, 1000, 2000, 4000, 8000, 16000, 32000];

    private static FssResult Collapse(FssAnsatz ansatz, double pc, double exponent, double halfWidth = 0.01) => new()
    {
        Ansatz = ansatz,
        ExponentName = Ansatz.ExponentName(ansatz),
        Fitted = true,
        Pc = pc,
        PcLow = pc - halfWidth,
        PcHigh = pc + halfWidth,
        Exponent = exponent,
        N0 = ansatz == FssAnsatz.Bkt ? 1.0 : null,
        Points = 100,
        Sizes = Sizes.Length,
        ContourLevel = "1.3x",
    };

    private static List<PairCrossing> Pairs(FssAnsatz ansatz, double limit, double amplitude, double exponent, double err, ulong? seed)
    {
        var rng = seed is { } s ? new DeterministicRandom(s) : null;
        var pairs = new List<PairCrossing>();
        for (int k = 0; k + 1 < Sizes.Length; k++)
        {
            var n = Math.Sqrt(Sizes[k] * Sizes[k + 1]);
            var p = limit + amplitude * CrossingDrift.U(ansatz, n, exponent, 1.0) + (rng is null ? 0 : err * rng.NextGaussian());
            pairs.Add(new PairCrossing(Sizes[k], Sizes[k + 1], p, err, 1.0));
        }
        return pairs;
    }

    [Theory]
    [InlineData(FssAnsatz.Bkt, 0.8)]
    [InlineData(FssAnsatz.Algebraic, 2.0)]
    public void Exact_drift_extrapolates_to_the_built_in_limit(FssAnsatz ansatz, double exponent)
    {
        var pairs = Pairs(ansatz, 0.55, 0.4, exponent, 0.005, seed: null);
        var r = CrossingDrift.Extrapolate(pairs, Collapse(ansatz, 0.55, exponent));
        Assert.True(r.Fitted, r.Reason);
        Assert.Equal(0.55, r.PcInfinity!.Value, 9);
        Assert.Equal(0.4, r.Slope!.Value, 9);
        Assert.True(r.Agrees);
    }

    [Fact]
    public void Noisy_drift_recovers_the_limit_within_its_error_and_flags_a_collapse_far_away()
    {
        int within = 0;
        for (ulong seed = 1; seed <= 40; seed++)
        {
            var pairs = Pairs(FssAnsatz.Bkt, 0.55, 0.4, 0.8, 0.004, seed);
            var r = CrossingDrift.Extrapolate(pairs, Collapse(FssAnsatz.Bkt, 0.55, 0.8));
            Assert.True(r.Fitted, r.Reason);
            if (Math.Abs(r.PcInfinity!.Value - 0.55) <= 2 * r.PcInfinityErr!.Value)
            {
                within++;
            }
        }
        Assert.InRange(within, 34, 40);

        var far = CrossingDrift.Extrapolate(Pairs(FssAnsatz.Bkt, 0.55, 0.4, 0.8, 0.004, 3), Collapse(FssAnsatz.Bkt, 0.75, 0.8));
        Assert.False(far.Agrees);
        Assert.True(far.Deviation > CrossingDrift.DisagreementSigma);
    }

    [Fact]
    public void Too_few_pairs_or_a_limit_outside_the_range_is_no_estimate()
    {
        var two = Pairs(FssAnsatz.Bkt, 0.55, 0.4, 0.8, 0.005, null).Take(1).ToList();
        var r = CrossingDrift.Extrapolate(two, Collapse(FssAnsatz.Bkt, 0.55, 0.8));
        Assert.False(r.Fitted);
        Assert.Contains("at least 2", r.Reason);

        var steep = Pairs(FssAnsatz.Bkt, -0.5, 3.0, 0.8, 0.005, null);
        var outside = CrossingDrift.Extrapolate(steep, Collapse(FssAnsatz.Bkt, 0.55, 0.8), rateRange: (0.0, 0.95));
        Assert.False(outside.Fitted);
        Assert.Null(outside.PcInfinity);
        Assert.Contains("leaves the sampled p_e range", outside.Reason);

        // Inside the range but with an error wider than it: no estimate either.
        var noisy = Pairs(FssAnsatz.Bkt, 0.5, 0.4, 0.8, 0.5, seed: 4).Take(3).ToList();
        var wide = CrossingDrift.Extrapolate(noisy, Collapse(FssAnsatz.Bkt, 0.55, 0.8), rateRange: (0.3, 0.95));
        Assert.False(wide.Fitted);
        Assert.Contains("error exceeds it", wide.Reason);

        var unfitted = CrossingDrift.Extrapolate(steep, new FssResult { Ansatz = FssAnsatz.Bkt, ExponentName = "kappa", Fitted = false, Points = 0, Sizes = 0, ContourLevel = "1.3x" });
        Assert.False(unfitted.Fitted);
    }
}
