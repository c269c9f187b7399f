using Mentia.Analysis.Scaling;
using Mentia.Analysis.Statistics;
using Mentia.Core.Specs;
using Xunit;

namespace Mentia.Analysis.Tests;

public class FssFitterTests(ITestOutputHelper output)
{
    internal static readonly double[] BktSizes = [500, 1000, 2000, 4000, 8000, 16000];
    internal static readonly double[] AlgebraicSizes = [100, 200, 400, 800, 1600, 3200];
    private const double Pc = 0.35, Dy = 0.01;

    private static double[] Sizes(FssAnsatz a) => a == FssAnsatz.Bkt ? BktSizes : AlgebraicSizes;

    private static List<ScalingPoint> Line(FssAnsatz a, double exponent, DeterministicRandom? noise) =>
        Synthetic.Line(a, Pc, exponent, Synthetic.Linspace(0.2, 0.5, 20), Sizes(a), Dy, noise);

    public static TheoryData<FssAnsatz, double, ulong> NoisyCases => new()
    {
        { FssAnsatz.Bkt, 0.5, 11 },
        { FssAnsatz.Bkt, 0.8, 12 },
        { FssAnsatz.Algebraic, 1.0, 13 },
        { FssAnsatz.Algebraic, 3.0, 14 },
    };

    public static TheoryData<FssAnsatz, double> Truths => new()
    {
        { FssAnsatz.Bkt, 0.5 },
        { FssAnsatz.Bkt, 0.8 },
        { FssAnsatz.Algebraic, 1.0 },
        { FssAnsatz.Algebraic, 3.0 },
    };

    [Theory]
    [MemberData(nameof(NoisyCases))]
    public void Noisy_data_recovers_pc_and_exponent_within_two_error_bars(FssAnsatz ansatz, double exponent, ulong seed)
    {
        var fit = FssFitter.Fit(Line(ansatz, exponent, new DeterministicRandom(seed)), new FssOptions { Ansatz = ansatz });

        output.WriteLine($"{ansatz}: pc {fit.Pc} +- {fit.PcErr}, {fit.ExponentName} {fit.Exponent} +- {fit.ExponentErr}, chi2 {fit.Chi2}, level {fit.Chi2Level}");
        Assert.True(fit.Fitted, fit.Reason);
        Assert.Equal(120, fit.Points);
        Assert.Equal(6, fit.Sizes);
        Assert.Equal("1.3x", fit.ContourLevel);
        Assert.Equal(1.3 * fit.Chi2!.Value, fit.Chi2Level!.Value, 10);
        Assert.InRange(Math.Abs(fit.Pc!.Value - Pc), 0, 2 * fit.PcErr!.Value);
        Assert.InRange(Math.Abs(fit.Exponent!.Value - exponent), 0, 2 * fit.ExponentErr!.Value);
        // Error bars that are informative, not just wide enough to pass.
        Assert.InRange(fit.PcErr.Value, 1e-4, 0.02);
        Assert.InRange(fit.ExponentErr.Value / exponent, 1e-3, 0.25);
        Assert.InRange(fit.Chi2.Value, 0.6, 1.5);
        Assert.False(fit.ContourOpen);
        Assert.False(fit.PcAtRangeEdge || fit.ExponentAtRangeEdge);
        Assert.InRange(fit.PcLow!.Value, 0.2, Pc + 2 * fit.PcErr.Value);
        Assert.Equal(ansatz == FssAnsatz.Bkt ? "kappa" : "nu", fit.ExponentName);
    }

    [Theory]
    [MemberData(nameof(Truths))]
    public void Chi2_of_the_true_ansatz_averages_to_one(FssAnsatz ansatz, double exponent)
    {
        var chi2 = Enumerable.Range(0, 5)
            .Select(k => FssFitter.Fit(Line(ansatz, exponent, new DeterministicRandom(500 + (ulong)k)), new FssOptions { Ansatz = ansatz }).Chi2!.Value)
            .Average();
        Assert.InRange(chi2, 0.8, 1.2);
    }

    [Theory]
    [MemberData(nameof(Truths))]
    public void Noiseless_data_gives_chi2_near_zero_and_the_exact_answer(FssAnsatz ansatz, double exponent)
    {
        var fit = FssFitter.Fit(Line(ansatz, exponent, null), new FssOptions { Ansatz = ansatz });
        Assert.InRange(fit.Chi2!.Value, 0, 0.02);
        Assert.Equal(Pc, fit.Pc!.Value, 4);
        Assert.InRange(Math.Abs(fit.Exponent!.Value / exponent - 1), 0, 0.01);
    }

    [Fact]
    public void The_wrong_ansatz_collapses_worse()
    {
        var points = Line(FssAnsatz.Algebraic, 1.0, new DeterministicRandom(21));
        var right = FssFitter.Fit(points, new FssOptions { Ansatz = FssAnsatz.Algebraic });
        var wrong = FssFitter.Fit(points, new FssOptions { Ansatz = FssAnsatz.Bkt });
        Assert.True(wrong.Chi2 > 2 * right.Chi2, $"wrong {wrong.Chi2}, right {right.Chi2}");
    }

    [Fact]
    public void Plus_one_contour_is_reported_and_tighter()
    {
        var points = Line(FssAnsatz.Bkt, 0.8, new DeterministicRandom(12));
        var factor = FssFitter.Fit(points, new FssOptions { Ansatz = FssAnsatz.Bkt });
        var plusOne = FssFitter.Fit(points, new FssOptions { Ansatz = FssAnsatz.Bkt, Contour = ContourLevel.PlusOne });

        Assert.Equal("+1", plusOne.ContourLevel);
        // +1 is on the unreduced chi2: the reduced level is chi2_min + 1 / (points - parameters).
        Assert.Equal(plusOne.Chi2!.Value + 1.0 / 118, plusOne.Chi2Level!.Value, 10);
        Assert.Equal(factor.Pc, plusOne.Pc);
        Assert.True(plusOne.PcErr < factor.PcErr);
        Assert.True(plusOne.ExponentErr < factor.ExponentErr);
    }

    [Fact]
    public void Map_is_kept_and_its_contour_matches_the_error_bars()
    {
        var fit = FssFitter.Fit(Line(FssAnsatz.Bkt, 0.5, new DeterministicRandom(3)), new FssOptions { Ansatz = FssAnsatz.Bkt });
        var map = fit.Map!;
        Assert.Equal("kappa", map.ExponentName);
        Assert.Equal(41, map.Pc.Count);
        Assert.Equal(41, map.Exponent.Count);
        Assert.Equal(41 * 41, fit.GlobalMap!.Pc.Count * fit.GlobalMap.Exponent.Count);
        // The minimum is the map's centre node, and no node of the map is below it.
        Assert.Equal(fit.Chi2!.Value, map.Chi2[20][20], 12);
        Assert.All(map.Chi2.SelectMany(r => r), v => Assert.True(v >= fit.Chi2.Value - 1e-9));
        // The error interval is the extent of the contour: no node outside it is below the level,
        // and nodes below the level come within one map step of both of its ends (the tilted
        // contour reaches its extremes off the minimum's row, so all rows count).
        var level = fit.Chi2Level!.Value;
        var below = new List<(double Pc, double Exponent)>();
        for (int i = 0; i < map.Pc.Count; i++)
        {
            for (int j = 0; j < map.Exponent.Count; j++)
            {
                if (map.Chi2[i][j] <= level)
                {
                    below.Add((map.Pc[i], map.Exponent[j]));
                }
            }
        }
        var step = map.Pc[21] - map.Pc[20];
        Assert.All(below, b => Assert.InRange(b.Pc, fit.PcLow!.Value, fit.PcHigh!.Value));
        Assert.InRange(below.Min(b => b.Pc) - fit.PcLow!.Value, 0, step);
        Assert.InRange(fit.PcHigh!.Value - below.Max(b => b.Pc), 0, step);
        Assert.All(below, b => Assert.InRange(b.Exponent, fit.ExponentLow!.Value, fit.ExponentHigh!.Value));
        Assert.InRange(below.Count, 20, 41 * 41 / 2);
        Assert.True(map.Chi2[0][20] > level && map.Chi2[40][20] > level);
    }

    [Fact]
    public void Window_selects_points()
    {
        var fit = FssFitter.Fit(Line(FssAnsatz.Bkt, 0.8, new DeterministicRandom(1)), new FssOptions { Ansatz = FssAnsatz.Bkt, WindowLow = 0.25, WindowHigh = 0.45 });
        var inWindow = Synthetic.Linspace(0.2, 0.5, 20).Count(p => p >= 0.25 && p <= 0.45);
        Assert.Equal(inWindow * 6, fit.Points);
        Assert.Equal(0.25, fit.WindowLow);
        Assert.InRange(fit.PcRangeLow!.Value, 0.25, 0.27);
        Assert.InRange(Math.Abs(fit.Pc!.Value - Pc), 0, 2 * fit.PcErr!.Value);
    }

    [Fact]
    public void Insufficient_data_is_a_result_with_a_reason()
    {
        var one = Synthetic.Line(FssAnsatz.Bkt, Pc, 0.5, Synthetic.Linspace(0.2, 0.5, 20), [1000], Dy, null);
        var r = FssFitter.Fit(one, new FssOptions());
        Assert.False(r.Fitted);
        Assert.Contains("2 sizes", r.Reason);
        Assert.Null(r.Pc);

        var narrow = FssFitter.Fit(Line(FssAnsatz.Bkt, 0.5, null), new FssOptions { WindowLow = 0.3, WindowHigh = 0.32 });
        Assert.False(narrow.Fitted);

        var belowN0 = FssFitter.Fit(Line(FssAnsatz.Bkt, 0.5, null), new FssOptions { N0 = 800 });
        Assert.False(belowN0.Fitted);
        Assert.Contains("N > N0", belowN0.Reason);
    }

    [Fact]
    public void Fit_is_deterministic_and_fast_enough()
    {
        var points = Line(FssAnsatz.Bkt, 0.8, new DeterministicRandom(5));
        var a = FssFitter.Fit(points, new FssOptions());
        var b = FssFitter.Fit(points, new FssOptions());
        Assert.Equal(a.Pc, b.Pc);
        Assert.Equal(a.ExponentErr, b.ExponentErr);
    }
}
