using System.Globalization;
using System.Text;
using Mentia.Analysis.Exponents;
using Mentia.Analysis.Io;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Statistics;
using Mentia.Core.Specs;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Analysis.Tests;

/// <summary>
/// examples/fss-line.csv and examples/alpha.csv are exactly what these generators produce (set
/// MENTIA_WRITE_EXAMPLES=1 to rewrite them), so docs/analysis.md's account of them is checked,
/// and the CLI's fits of them recover the values they were generated with.
/// </summary>
public class ExampleFilesTests
{
    private static string FssLine()
    {
        var points = Synthetic.Line(FssAnsatz.Bkt, 0.35, 0.8, Synthetic.Linspace(0.2, 0.5, 20), [500, 1000, 2000, 4000, 8000, 16000], 0.01, new DeterministicRandom(2026));
        var sb = new StringBuilder("p,N,y,dy\n");
        foreach (var q in points)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{q.P:0.######},{q.N:0},{q.Y:0.000000},{q.Dy:0.######}\n");
        }
        return sb.ToString();
    }

    private static string AlphaLine()
    {
        var rng = new DeterministicRandom(2026);
        var sb = new StringBuilder("N,y,dy\n");
        foreach (var n in new[] { 250, 500, 1000, 2000, 4000, 8000 })
        {
            var y = 4.0 * Math.Pow(n, -0.25);
            var dy = 0.01 * y;
            sb.Append(CultureInfo.InvariantCulture, $"{n},{y + dy * rng.NextGaussian():0.000000},{dy:0.000000}\n");
        }
        return sb.ToString();
    }

    private static void Check(string name, string expected)
    {
        var path = Path.Combine(RepoPaths.Root, "examples", name);
        if (Environment.GetEnvironmentVariable("MENTIA_WRITE_EXAMPLES") == "1")
        {
            File.WriteAllText(path, expected);
        }
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void Fss_example_is_the_documented_bkt_line_and_fits_back()
    {
        Check("fss-line.csv", FssLine());
        var points = PointsCsv.ReadScalingPoints(Path.Combine(RepoPaths.Root, "examples", "fss-line.csv"));

        var fit = FssFitter.Fit(points, new FssOptions { Ansatz = FssAnsatz.Bkt, N0 = 1 });

        Assert.InRange(Math.Abs(fit.Pc!.Value - 0.35), 0, 2 * fit.PcErr!.Value);
        Assert.InRange(Math.Abs(fit.Exponent!.Value - 0.8), 0, 2 * fit.ExponentErr!.Value);
        Assert.InRange(fit.Chi2!.Value, 0.6, 1.5);
        Assert.Equal(120, fit.Points);

        using var writer = new StringWriter();
        Chi2MapCsv.Write(writer, fit.Map!);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("pc,kappa,chi2", lines[0]);
        Assert.Equal(1 + 41 * 41, lines.Length);
    }

    [Fact]
    public void Alpha_example_is_the_documented_power_law_and_fits_back()
    {
        Check("alpha.csv", AlphaLine());
        var points = PointsCsv.ReadSizePoints(Path.Combine(RepoPaths.Root, "examples", "alpha.csv"));

        var fit = AlphaFit.Fit(points);
        var verdict = PhaseClassifier.Classify(fit, points, new AnalysisSettings());

        Assert.InRange(Math.Abs(fit.Alpha!.Value + 0.25), 0, 2 * fit.AlphaErr!.Value);
        Assert.Equal(Phase.Eumentia, verdict.Phase);
    }
}
