using System.Text.Json.Nodes;
using Mentia.Analysis.Exponents;
using Mentia.Analysis.Io;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Client.Output;
using Mentia.Core.Specs;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests.Output;

/// <summary>The keys `fss --json` and `fit-alpha --json` promise, on fits of the shipped example files.</summary>
public class CliJsonTests
{
    [Fact]
    public void An_fss_fit_has_every_promised_key_and_no_nan()
    {
        var points = PointsCsv.ReadScalingPoints(Path.Combine(RepoPaths.Root, "examples", "fss-line.csv"));
        var json = CliJson.Fss(FssFitter.Fit(points, new FssOptions { Ansatz = FssAnsatz.Bkt, N0 = 1 }));
        foreach (var key in new[] { "pc", "pcErr", "kappa", "kappaErr", "chi2", "points", "contourLevel" })
        {
            Assert.NotNull(json[key]);
        }
        Assert.Equal(120, (int)json["points"]!);
        Assert.Equal("1.3x", (string)json["contourLevel"]!);
        Assert.DoesNotContain("NaN", CliJson.Write(json));
    }

    [Fact]
    public void An_alpha_fit_names_its_verdict()
    {
        var points = PointsCsv.ReadSizePoints(Path.Combine(RepoPaths.Root, "examples", "alpha.csv"));
        var fit = AlphaFit.Fit(points);
        var json = CliJson.Alpha(fit, PhaseClassifier.Classify(fit, points, new AnalysisSettings()));
        Assert.Equal("eumentia", (string)json["phase"]!);
        Assert.IsType<JsonValue>(json["alphaErr"], exactMatch: false);
    }
}
