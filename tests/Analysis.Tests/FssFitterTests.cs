using Mentia.Analysis.Scaling;
using Mentia.Analysis.Statistics;
using Mentia.Core.Specs;
using Xunit;

namespace Mentia.Analysis.Tests;

public class FssFitterTests(ITestOutputHelper output)
{
    private static readonly double[] BktSizes = [500, 1000, 2000, 4000, 8000, 16000];
    private static readonly double[] AlgebraicSizes = [100, 200, 400, 800, 1600, 3200];

    public static TheoryData<FssAnsatz, double, ulong> NoisyCases => new()
    {
        { FssAnsatz.Bkt, 0.5, 11 },
        { FssAnsatz.Bkt, 0.8, 12 },
        { FssAnsatz.Algebraic, 1.0, 13 },
        { FssAnsatz.Algebraic, 3.0, 14 },
    };

    [Theory]
    [MemberData(nameof(NoisyCases))]
    public void Noisy_data_recovers_pc_and_exponent_within_two_error_bars(FssAnsatz ansatz, double exponent, ulong seed)
    {
        const double pc = 0.35, dy = 0.01;
        var sizes = ansatz == FssAnsatz.Bkt ? BktSizes : AlgebraicSizes;
        var points = Synthetic.Line(ansatz, pc, exponent, Synthetic.Linspace(0.2, 0.5, 20), sizes, dy, new DeterministicRandom(seed));

        var fit = FssFitter.Fit(points, new FssOptions { Ansatz = ansatz });

        output.WriteLine($"{ansatz}: pc {fit.Pc} +- {fit.PcErr}, {fit.ExponentName} {fit.Exponent} +- {fit.ExponentErr}, chi2 {fit.Chi2}, level {fit.Chi2Level}, open {fit.ContourOpen}");
        Assert.True(fit.Fitted, fit.Reason);
        Assert.Equal(120, fit.Points);
        Assert.Equal("1.3x", fit.ContourLevel);
        Assert.InRange(Math.Abs(fit.Pc!.Value - pc), 0, 2 * fit.PcErr!.Value);
        Assert.InRange(Math.Abs(fit.Exponent!.Value - exponent), 0, 2 * fit.ExponentErr!.Value);
        Assert.InRange(fit.Chi2!.Value, 0.7, 1.4);
        Assert.False(fit.ContourOpen);
    }
}
