using Mentia.Analysis.Sweeps;
using Mentia.Client.Output;
using Mentia.Client.Report;
using Mentia.Core.Records.Raw;
using Mentia.TestSupport;
using SkiaSharp;
using Xunit;

namespace Mentia.Client.Tests.Report;

/// <summary>
/// The training-curve figure (median validation loss per N with its 25–75 % band, one per p_t), the provenance table
/// of the page, and a report drawn from a results folder: chi2 maps from chi2/, curves from curves.parquet.
/// </summary>
public class TrainingCurveFigureTests
{
    [Fact]
    public void Every_line_with_curves_gets_a_training_figure_that_decodes_with_labelled_axes()
    {
        var m = SharedReports.OneArchitecture.Manifest;
        foreach (var pt in ReportSynthetic.TrainRates)
        {
            var f = m[$"w64d2-{ReportData.RateKey(pt)}-training"];
            Assert.Equal("training", f.Family);
            Assert.Equal(pt, f.TrainRate);
            using var bmp = SKBitmap.Decode(Path.Combine(m.OutDir, f.Png));
            Assert.Equal((f.Width, f.Height), (bmp.Width, bmp.Height));
            Assert.True(f.XTickLabels >= 2 && f.YTickLabels >= 2, $"{f.Key}: {f.XTickLabels} x and {f.YTickLabels} y tick labels");
            Assert.Contains("median", f.Caption);
            Assert.Contains("fewer runs", f.Caption); // replicas stop at different epochs in the synthetic curves
        }
        // The page shows it in the line's section.
        var html = File.ReadAllText(m.Index);
        Assert.Contains("src=\"w64d2-pt0.500-training.png\"", html);
    }

    [Fact]
    public void A_report_without_curves_has_no_training_figure()
    {
        Assert.DoesNotContain(SharedReports.FiveArchitectures.Manifest.Figures, f => f.Family == "training");
    }

    [Fact]
    public void The_bands_are_the_median_and_quartiles_over_the_runs_still_training_at_each_epoch()
    {
        EpochRow Row(int replica, int epoch, double loss) => new() { Width = 8, Depth = 1, Size = 100, Replica = replica, Epoch = epoch, ValidationLoss = loss };
        var rows = new[]
        {
            Row(0, 1, 1.0), Row(1, 1, 2.0), Row(2, 1, 3.0), Row(3, 1, 4.0),
            Row(0, 2, 0.5), Row(1, 2, 0.9), Row(2, 2, 0.7),
            Row(2, 3, 0.6),
        };
        var b = Assert.Single(TrainingCurveBands.Of(rows));
        Assert.Equal(4, b.Replicas);
        Assert.Equal([1.0, 2, 3], b.Epochs);
        Assert.Equal([4, 3, 1], b.Runs);
        // numpy.quantile([1,2,3,4], [.25,.5,.75]) = 1.75, 2.5, 3.25; of [0.5,0.7,0.9]: 0.6, 0.7, 0.8.
        Assert.Equal([2.5, 0.7, 0.6], b.Median);
        Assert.Equal(1.75, b.Low[0], 12);
        Assert.Equal(3.25, b.High[0], 12);
        Assert.Equal(0.6, b.Low[1], 12);
        Assert.Equal(0.8, b.High[1], 12);
        Assert.Equal((0.6, 0.6), (b.Low[2], b.High[2]));
    }

    [Fact]
    public void The_page_shows_the_provenance_or_says_there_is_none()
    {
        var r = ReportSynthetic.Build() with
        {
            Provenance = new Provenance
            {
                MentiaVersion = "1.0.0+abc123", Commit = "abc123", SpecSha256 = "f0ff74d0", Seed = 42, Devices = ["cpu", "cuda"], Threads = 2,
                TorchSharpVersion = "0.107.0", LibtorchVersion = "2.10.0", DotnetVersion = ".NET 10.0.1", Os = "Debian 12",
                StartedAt = DateTimeOffset.Parse("2026-01-02T03:04:05Z"), FinishedAt = DateTimeOffset.Parse("2026-01-02T04:00:00Z"), Silos = ["silo-a", "silo-b"],
            },
        };
        var html = File.ReadAllText(ReportWriter.Write(r, RepoPaths.NewTempFolder("report-provenance")).Index);
        var table = html[html.IndexOf("<h2 id=\"provenance\">", StringComparison.Ordinal)..html.IndexOf("<h2 id=\"spec\">", StringComparison.Ordinal)];
        foreach (var text in new[] { "1.0.0+abc123", "abc123", "f0ff74d0", ">42<", "cpu, cuda", ">2<", "0.107.0 / 2.10.0", ".NET 10.0.1", "Debian 12", "2026-01-02 03:04:05Z", "2026-01-02 04:00:00Z", "silo-a, silo-b" })
        {
            Assert.Contains(text, table);
        }
        Assert.Contains("href=\"#provenance\"", html);

        var none = File.ReadAllText(ReportWriter.Write(ReportSynthetic.Build(), RepoPaths.NewTempFolder("report-no-provenance")).Index);
        Assert.Contains("carry no provenance", none);
    }

    [Fact]
    public void A_results_folder_gives_the_report_its_chi2_maps_from_their_files_and_its_curves_from_curves_parquet()
    {
        var folder = RepoPaths.NewTempFolder("report-from-folder");
        var quickCells = Path.Combine(RepoPaths.Root, "tests", "Client.Tests", "Fixtures", "quick-mnist", "cells.csv");
        Assert.Equal(0, CliRunner.Run("analyze", quickCells, "--out", folder).Code);
        var results = ResultsExport.ReadJson(Path.Combine(folder, "results.json"));
        // Curves as `mentia run` writes them beside results.json.
        var curves = new[] { 0.0, 0.25 }.SelectMany(pt => new[] { 250, 2000 }.SelectMany(n => Enumerable.Range(1, 5).Select(e =>
            new EpochRow { Width = 64, Depth = 2, TrainRate = pt, Size = n, Replica = 0, Epoch = e, ValidationLoss = 2.0 / e + 1000.0 / n }))).ToArray();
        Mentia.Analysis.Io.RawDataFiles.Write(new RawData([], [], curves), folder);

        var report = Path.Combine(folder, "report");
        var r = CliRunner.Run("report", Path.Combine(folder, "results.json"), "--out", report);
        Assert.True(r.Code == 0, r.Err);
        foreach (var key in new[] { "w64d2-pt0.000-chi2-bkt", "w64d2-pt0.000-chi2-bkt-global", "w64d2-pt0.000-chi2-algebraic", "w64d2-pt0.000-training", "w64d2-pt0.250-training" })
        {
            Assert.True(File.Exists(Path.Combine(report, key + ".png")), $"{key}.png not drawn");
        }
        Assert.False(File.Exists(Path.Combine(report, "w64d2-pt0.500-training.png"))); // no curves at p_t = 0.5
        Assert.Contains(results.Lines, l => l.Scaling.Any(f => f.Map is not null));
        Assert.True(Directory.Exists(Path.Combine(folder, "chi2")));
        Directory.Delete(folder, true);
    }
}
