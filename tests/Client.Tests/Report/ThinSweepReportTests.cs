using Mentia.Client.Output;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests.Report;

/// <summary>
/// `mentia report` on sweeps too thin for the phase analysis (one replica, two sizes): it draws what the data
/// hold and says, in the page and in its summary, what is missing and why, instead of failing.
/// </summary>
public class ThinSweepReportTests
{
    [Theory]
    [InlineData(1, new[] { 200, 400 }, "no error bars", "1 training run per cell")]
    [InlineData(1, new[] { 200, 400, 800 }, "no error bars", "1 training run per cell")]
    [InlineData(4, new[] { 200, 400 }, "no alpha, no phase diagram", "fewer than 3 sizes N")]
    [InlineData(1, new[] { 200, 400 }, "no alpha, no phase diagram", "fewer than 3 sizes N (2: 200, 400)")]
    public void A_thin_sweep_gets_a_report_that_says_what_is_missing(int replicas, int[] sizes, string missing, string why)
    {
        var folder = RepoPaths.NewTempFolder("thin-report");
        ResultsExport.WriteAll(ThinSweepSynthetic.Build(replicas, sizes), folder);
        var outDir = Path.Combine(folder, "report");

        var r = CliRunner.Run("report", Path.Combine(folder, "results.json"), "--out", outDir);

        Assert.True(r.Code == 0, $"exit {r.Code}: {r.Err}");
        Assert.Contains(missing, r.Out);
        Assert.Contains(why, r.Out);
        var html = File.ReadAllText(Path.Combine(outDir, "index.html"));
        Assert.Contains("id=\"missing\"", html);
        Assert.Contains(missing, html);
        Assert.Contains(why, html);
        // What the data do hold is drawn: the accuracy map and the line cuts of every p_t.
        Assert.True(File.Exists(Path.Combine(outDir, "w16d1-phase-accuracy.png")));
        Assert.True(File.Exists(Path.Combine(outDir, "w16d1-pt0.000-loss.png")));
        Assert.True(File.Exists(Path.Combine(outDir, "w16d1-pt0.500-loss.png")));
        // Nothing is drawn that the data cannot hold: no alpha map without a single alpha.
        Assert.False(File.Exists(Path.Combine(outDir, "w16d1-phase-alpha.png")));
        Directory.Delete(folder, true);
    }

    [Fact]
    public void A_sweep_with_everything_has_no_missing_section()
    {
        var folder = RepoPaths.NewTempFolder("full-report");
        var results = ReportSynthetic.Build();
        ResultsExport.WriteAll(results, folder);
        var r = CliRunner.Run("report", Path.Combine(folder, "results.json"), "--out", Path.Combine(folder, "report"));
        Assert.Equal(0, r.Code);
        Assert.DoesNotContain("not in this report", r.Out);
        Assert.DoesNotContain("id=\"missing\"", File.ReadAllText(Path.Combine(folder, "report", "index.html")));
        Directory.Delete(folder, true);
    }
}
