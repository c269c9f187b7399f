using Mentia.Analysis.Phases;
using Mentia.Client.Output;
using Mentia.Client.Report;
using Mentia.TestSupport;
using SkiaSharp;
using Xunit;

namespace Mentia.Client.Tests;

/// <summary>`mentia report`: every figure renders from synthetic results, decodes at its stated size, and shows the data.</summary>
public class ReportTests
{
    private static readonly Lazy<(Mentia.Analysis.Sweeps.SweepResults Results, ReportManifest Manifest)> Shared = new(() =>
    {
        var results = ReportSynthetic.Build();
        return (results, ReportWriter.Write(results, RepoPaths.NewTempFolder("report")));
    });

    [Fact]
    public void The_synthetic_data_have_all_three_phases()
    {
        var grid = Shared.Value.Results.PhaseDiagrams[0].Grid;
        Assert.Equal(Phase.Eumentia, grid.Phases[0][1]);   // p_t 0, p_e 0.1
        Assert.Equal(Phase.Dementia, grid.Phases[0][8]);   // p_t 0, p_e 0.8
        Assert.Equal(Phase.Amentia, grid.Phases[2][5]);    // p_t 0.9
    }

    [Fact]
    public void Every_figure_family_is_written_for_every_line()
    {
        var m = Shared.Value.Manifest;
        var keys = m.Figures.Select(f => f.Key).ToHashSet();
        foreach (var k in new[] { "phase-alpha", "phase-accuracy", "fss-pc", "fss-kappa", "fss-nu", "fss-chi2" })
        {
            Assert.Contains("w64d2-" + k, keys);
        }
        foreach (var pt in new[] { "pt0.000", "pt0.500" })
        {
            foreach (var k in new[] { "loss", "accuracy", "binder", "powerlaw", "fss-before", "fss-bkt", "fss-algebraic", "chi2-bkt", "chi2-algebraic", "chi2-bkt-global", "chi2-algebraic-global" })
            {
                Assert.Contains($"w64d2-{pt}-{k}", keys);
            }
        }
        Assert.Equal(keys.Count, m.Figures.Count); // keys are unique
        foreach (var k in new[] { "scan-bkt", "scan-algebraic", "drift" })
        {
            Assert.Contains($"w64d2-pt0.000-{k}", keys);
        }
        // p_t = 0.9 is amentia: no collapse, no checks, no summary point (its line figures stay).
        Assert.DoesNotContain(keys, k => k.StartsWith("w64d2-pt0.900-", StringComparison.Ordinal) && (k.Contains("fss") || k.Contains("chi2") || k.Contains("scan") || k.Contains("drift")));
        Assert.Contains("w64d2-pt0.900-loss", keys);
        Assert.Contains("pₜ = 0.9 have no transition", m["w64d2-fss-pc"].Caption);
        Assert.Equal(["chi2", "collapse", "fss-checks", "fss-summary", "lines", "phase", "powerlaw"], m.Figures.Select(f => f.Family).Distinct().Order().ToArray());
    }

    [Fact]
    public void Every_png_decodes_at_its_stated_size_and_every_svg_is_svg()
    {
        var m = Shared.Value.Manifest;
        Assert.NotEmpty(m.Figures);
        foreach (var f in m.Figures)
        {
            using var bmp = SKBitmap.Decode(Path.Combine(m.OutDir, f.Png));
            Assert.True(bmp is not null, $"{f.Png} does not decode");
            Assert.Equal((f.Width, f.Height), (bmp.Width, bmp.Height));
            Assert.True(Distinct(bmp) > 20, $"{f.Png} is (nearly) blank");
            var svg = File.ReadAllText(Path.Combine(m.OutDir, f.Svg));
            Assert.Contains("<svg", svg);
            Assert.Contains("</svg>", svg);
        }
    }

    [Fact]
    public void Eumentia_dementia_and_amentia_regions_get_their_colours_on_the_alpha_map()
    {
        var (results, m) = Shared.Value;
        var f = m["w64d2-phase-alpha"];
        using var bmp = SKBitmap.Decode(Path.Combine(m.OutDir, f.Png));
        var (plot, _) = PhaseFigures.AlphaPlot(results.PhaseDiagrams[0]);
        plot.RenderInMemory(f.Width, f.Height);

        // Cells away from the labels: eumentia at (p_t 0.5, p_e 0.1), dementia at (0, 0.9), amentia at (0.9, 0.2).
        var eu = PixelAt(bmp, plot, 0.5, 0.1);
        var de = PixelAt(bmp, plot, 0.0, 0.9);
        var am = PixelAt(bmp, plot, 0.9, 0.2);
        Assert.True(eu.Blue > eu.Red + 40, $"eumentia should be blue, is {eu}");
        Assert.True(de.Red > de.Blue + 40, $"dementia should be red, is {de}");
        Assert.True(am.Red > 200 && am.Green > 200 && am.Blue > 200, $"amentia (alpha 0) should be near white, is {am}");
    }

    [Fact]
    public void Figures_of_different_data_differ_and_of_the_same_data_do_not()
    {
        var a = ReportWriter.Write(ReportSynthetic.Build(pc0: 0.45), RepoPaths.NewTempFolder("report-a"));
        var b = ReportWriter.Write(ReportSynthetic.Build(pc0: 0.2), RepoPaths.NewTempFolder("report-b"));
        var same = Shared.Value.Manifest;
        foreach (var key in new[] { "w64d2-phase-alpha", "w64d2-pt0.000-loss", "w64d2-pt0.000-fss-bkt", "w64d2-pt0.000-chi2-bkt", "w64d2-fss-pc" })
        {
            using var pa = SKBitmap.Decode(Path.Combine(a.OutDir, a[key].Png));
            using var pb = SKBitmap.Decode(Path.Combine(b.OutDir, b[key].Png));
            using var ps = SKBitmap.Decode(Path.Combine(same.OutDir, same[key].Png));
            Assert.True(DifferentPixels(pa, pb) > 500, $"{key}: different data, nearly the same picture");
            Assert.Equal(0, DifferentPixels(pa, ps));
        }
        // Where p_c moved from 0.45 to 0.2, p_e = 0.3 at p_t = 0 turned from eumentia (blue) to dementia (red).
        var (plotA, _) = PhaseFigures.AlphaPlot(ReportSynthetic.Build(pc0: 0.45).PhaseDiagrams[0]);
        plotA.RenderInMemory(a["w64d2-phase-alpha"].Width, a["w64d2-phase-alpha"].Height);
        using var bmpA = SKBitmap.Decode(Path.Combine(a.OutDir, a["w64d2-phase-alpha"].Png));
        using var bmpB = SKBitmap.Decode(Path.Combine(b.OutDir, b["w64d2-phase-alpha"].Png));
        var before = PixelAt(bmpA, plotA, 0.0, 0.3);
        var after = PixelAt(bmpB, plotA, 0.0, 0.3);
        Assert.True(before.Blue > before.Red + 20, $"p_c 0.45: p_e 0.3 should be blue, is {before}");
        Assert.True(after.Red > after.Blue + 20, $"p_c 0.2: p_e 0.3 should be red, is {after}");
    }

    [Fact]
    public void Index_html_shows_every_figure_the_spec_the_modes_and_the_fitted_numbers()
    {
        var (results, m) = Shared.Value;
        var html = File.ReadAllText(m.Index);
        foreach (var f in m.Figures)
        {
            Assert.Contains($"src=\"{f.Png}\"", html);
            Assert.Contains($"href=\"{f.Svg}\"", html);
            Assert.False(Path.IsPathRooted(f.Png));
        }
        Assert.Contains("<pre>name: synthetic", html);
        Assert.Contains("&lt;spec &amp; text&gt;", html); // escaped
        Assert.Contains("validation loss measured without dropout", html);
        Assert.Contains(results.KeptWeights, html);
        var bkt = results.Lines[0].Scaling.First(s => s.Ansatz == Mentia.Core.Specs.FssAnsatz.Bkt);
        Assert.Contains(bkt.ContourLevel, html);
        Assert.Contains(" ± ", html);
        Assert.Contains("report generated", html);
    }

    [Fact]
    public void The_command_renders_an_exported_results_file_offline()
    {
        var dir = RepoPaths.NewTempFolder("report-cli");
        var file = Path.Combine(dir, "results.json");
        File.WriteAllText(file, ResultsExport.Json(ReportSynthetic.Build(validationDropout: "train")));
        var outDir = Path.Combine(dir, "out");
        var r = CliRunner.Run("report", file, "--out", outDir, "--loglog-pe", "0.1,0.8");
        Assert.True(r.Code == 0, r.Err + r.Out);
        Assert.True(File.Exists(Path.Combine(outDir, "index.html")));
        Assert.True(File.Exists(Path.Combine(outDir, "w64d2-phase-alpha.png")));
        Assert.Contains("validation loss measured at pₜ", File.ReadAllText(Path.Combine(outDir, "index.html")));
    }

    [Theory]
    [InlineData("/nonexistent/results.json")]
    [InlineData("missing-results.json")]
    public void A_source_that_is_neither_a_file_nor_a_sweep_id_exits_2(string source)
    {
        var r = CliRunner.Run("report", source, "--out", RepoPaths.NewTempFolder("report-bad"));
        Assert.Equal(2, r.Code);
        Assert.Contains("neither an existing results file nor a sweep id", r.Err);
    }

    [Fact]
    public void A_file_that_is_not_results_exits_2()
    {
        var file = Path.Combine(RepoPaths.NewTempFolder("report-notjson"), "x.json");
        File.WriteAllText(file, "{ not json");
        var r = CliRunner.Run("report", file);
        Assert.Equal(2, r.Code);
        Assert.Contains("not a Mentia results file", r.Err);
    }

    [Fact]
    public void Bad_loglog_rates_exit_2()
    {
        var r = CliRunner.Run("report", "x.json", "--loglog-pe", "0.1,abc");
        Assert.Equal(2, r.Code);
        Assert.Contains("--loglog-pe", r.Err);
    }

    private static SKColor PixelAt(SKBitmap bmp, ScottPlot.Plot plot, double x, double y)
    {
        var px = plot.GetPixel(new ScottPlot.Coordinates(x, y));
        // Average a small block so anti-aliasing or a grid seam cannot decide the colour.
        int r = 0, g = 0, b = 0, n = 0;
        for (int dx = -3; dx <= 3; dx++)
        {
            for (int dy = -3; dy <= 3; dy++)
            {
                var c = bmp.GetPixel((int)px.X + dx, (int)px.Y + dy);
                (r, g, b, n) = (r + c.Red, g + c.Green, b + c.Blue, n + 1);
            }
        }
        return new SKColor((byte)(r / n), (byte)(g / n), (byte)(b / n));
    }

    private static int Distinct(SKBitmap bmp)
    {
        var set = new HashSet<uint>();
        for (int x = 0; x < bmp.Width; x += 3)
        {
            for (int y = 0; y < bmp.Height; y += 3)
            {
                set.Add((uint)bmp.GetPixel(x, y));
            }
        }
        return set.Count;
    }

    private static int DifferentPixels(SKBitmap a, SKBitmap b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        int count = 0;
        for (int x = 0; x < a.Width; x++)
        {
            for (int y = 0; y < a.Height; y++)
            {
                if (a.GetPixel(x, y) != b.GetPixel(x, y))
                {
                    count++;
                }
            }
        }
        return count;
    }
}
