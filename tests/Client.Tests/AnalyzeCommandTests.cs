using System.Text.Json;
using Mentia.Analysis.Sweeps;
using Mentia.Client.Output;
using Mentia.Core.Specs;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests;

/// <summary>`mentia analyze CELLS.csv`: re-analysis without retraining, on synthetic cells and on a real MNIST sweep's cells.</summary>
public class AnalyzeCommandTests
{
    /// <summary>The cells and spec of examples/quick.yaml run on real MNIST (`mentia run`, 2026-11-30), as exported.</summary>
    private static string QuickFixture(string file) => Path.Combine(RepoPaths.Root, "tests", "Client.Tests", "Fixtures", "quick-mnist", file);

    private const string SyntheticSpec = """
        name: synthetic
        seed: 7
        model:
          widths: [64]
          depths: [2]
        dropout:
          p_t: [0.0, 0.5, 0.9]
          p_e: {from: 0.0, to: 0.9, step: 0.1}
        N: [100, 200, 400, 800]
        replicas: 3
        passes: 5
        """;

    [Fact]
    public void Reanalysis_from_the_exported_csv_reproduces_the_direct_analysis_exactly()
    {
        var folder = RepoPaths.NewTempFolder("analyze");
        File.WriteAllText(Path.Combine(folder, "spec.yaml"), SyntheticSpec);
        var spec = SpecReader.Parse(SyntheticSpec);
        var cells = ReportSynthetic.Build().Cells;
        File.WriteAllText(Path.Combine(folder, "cells.csv"), ResultsExport.CellsCsv(new SweepResults
        {
            SweepId = "x", Name = "synthetic", SpecText = SyntheticSpec, GeneratedAt = DateTimeOffset.UnixEpoch, State = "done",
            ReplicasDone = 0, ReplicasTotal = 0, ValidationDropout = "off", Cells = cells, Lines = [], PhaseDiagrams = [],
        }));

        var r = CliRunner.Run("analyze", Path.Combine(folder, "cells.csv"), "--out", Path.Combine(folder, "out"));
        Assert.True(r.Code == 0, r.Err + r.Out);
        foreach (var f in new[] { "results.json", "cells.csv", "alpha.csv", "fss.csv", "spec.yaml" })
        {
            Assert.True(File.Exists(Path.Combine(folder, "out", f)), f);
        }
        var written = ResultsExport.ReadJson(Path.Combine(folder, "out", "results.json"));
        var (lines, diagrams) = SweepAnalyzer.Analyze(spec, cells);
        Assert.Equal(JsonSerializer.Serialize(lines), JsonSerializer.Serialize(written.Lines));
        Assert.Equal(JsonSerializer.Serialize(diagrams), JsonSerializer.Serialize(written.PhaseDiagrams));
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "cells.csv")), File.ReadAllText(Path.Combine(folder, "out", "cells.csv")));
        Assert.Contains("no transition", r.Out);
    }

    [Fact]
    public void A_given_window_replaces_the_automatic_one()
    {
        var folder = RepoPaths.NewTempFolder("analyze-window");
        var r = CliRunner.Run("analyze", QuickFixture("cells.csv"), "--out", folder, "--window", "0.2,0.8", "--json");
        Assert.True(r.Code == 0, r.Err + r.Out);
        var fss = File.ReadAllLines(Path.Combine(folder, "fss.csv"));
        var header = fss[0].Split(',');
        var row = fss.Skip(1).First(l => l.StartsWith("64,2,0,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("given", row[Array.IndexOf(header, "windowSource")]);
        Assert.Equal("0.2", row[Array.IndexOf(header, "windowLow")]);
    }

    /// <summary>
    /// Real MNIST (quick.yaml): p_t = 0 has an eumentia-dementia transition; p_t = 0.95 is amentia in every
    /// cell and must get no p_c, no exponent and no crossing anywhere; no line but p_t = 0 gets a number.
    /// </summary>
    [Fact]
    public void On_the_real_quick_sweep_only_lines_with_a_transition_get_numbers()
    {
        var folder = RepoPaths.NewTempFolder("analyze-quick");
        var r = CliRunner.Run("analyze", QuickFixture("cells.csv"), "--out", folder, "--json");
        Assert.True(r.Code == 0, r.Err + r.Out);
        using var doc = JsonDocument.Parse(r.Out);
        var rows = doc.RootElement.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("p_t").GetDouble());
        Assert.Equal("transition", rows[0.0].GetProperty("transition").GetString());
        Assert.Equal(JsonValueKind.Object, rows[0.0].GetProperty("bkt").ValueKind);
        var pc = rows[0.0].GetProperty("bkt").GetProperty("pc").GetDouble();
        Assert.InRange(pc, rows[0.0].GetProperty("bkt").GetProperty("pcLow").GetDouble(), rows[0.0].GetProperty("bkt").GetProperty("pcHigh").GetDouble());
        Assert.Equal("amentia", rows[0.95].GetProperty("transition").GetString());
        foreach (var (pt, row) in rows.Where(kv => kv.Key > 0))
        {
            Assert.NotEqual("transition", row.GetProperty("transition").GetString());
            Assert.Equal(JsonValueKind.Null, row.GetProperty("crossing").ValueKind);
            Assert.Equal(JsonValueKind.Null, row.GetProperty("bkt").ValueKind);
            Assert.Equal(JsonValueKind.Null, row.GetProperty("algebraic").ValueKind);
            Assert.False(string.IsNullOrWhiteSpace(row.GetProperty("transitionReason").GetString()));
        }

        // The exports agree: fss.csv has no estimate on those lines, and the phase diagram no crossing point.
        var results = ResultsExport.ReadJson(Path.Combine(folder, "results.json"));
        Assert.Equal([0.0], results.PhaseDiagrams[0].CrossingBoundary.Select(c => c.TrainRate));
        foreach (var line in File.ReadAllLines(Path.Combine(folder, "fss.csv")).Skip(1).Where(l => l.StartsWith("64,2,0.95,", StringComparison.Ordinal)))
        {
            var f = line.Split(',');
            Assert.Equal("false", f[5]);
            Assert.Equal("", f[6]);
        }
        // The fixture was written by this version: the Binder cumulant is never a 1e16 (undefined cells are empty).
        foreach (var c in results.Cells)
        {
            Assert.True(c.Statistics.BinderErr is null || c.Statistics.BinderErr < 1e6, $"binderErr {c.Statistics.BinderErr} at p_t {c.TrainRate}, p_e {c.EvalRate}");
        }
    }

    [Fact]
    public void The_table_marks_lines_without_a_transition_and_gives_the_reason()
    {
        var r = CliRunner.Run("analyze", QuickFixture("cells.csv"), "--out", RepoPaths.NewTempFolder("analyze-table"));
        Assert.True(r.Code == 0, r.Err + r.Out);
        var text = System.Text.RegularExpressions.Regex.Replace(r.Out, @"\s+", " ");
        Assert.Contains("no (amentia)", text);
        Assert.Contains("p_t = 0.95: no transition: amentia", text);
        Assert.Matches(@"0\.\d+ \+0\.\d+/-0\.\d+", text); // asymmetric bounds of the p_t = 0 estimates
        Assert.Contains("Errors +high/-low", text);
    }

    [Theory]
    [InlineData("width,depth,p_t,p_e,N,runs,passes,meanLoss\n", "no column 'meanAccuracy'")]
    [InlineData("width,depth,p_t,p_e,N,runs,passes,meanLoss,meanAccuracy\n64,2,0,0.1,abc,3,5,1.0,0.9\n", "line 2, column 'N'")]
    [InlineData("width,depth,p_t,p_e,N,runs,passes,meanLoss,meanAccuracy\n64,2,0,0.1,100,3,5,1.0,1.5\n", "column 'meanAccuracy'")]
    [InlineData("width,depth,p_t,p_e,N,runs,passes,meanLoss,meanAccuracy\n64,2,0,0.1,100,3,5,1.0,0.9\n64,2,0,0.1,100,3,5,1.1,0.9\n", "already appeared on line 2")]
    [InlineData("width,depth,p_t,p_e,N,runs,passes,meanLoss,meanAccuracy\n64,2,0,0.1,100,3\n", "line 2: the row has fewer fields than the header")]
    [InlineData("width,depth,p_t,p_e,N,runs,passes,meanLoss,meanAccuracy\n64,2,0,\"0.1,100,3,5,1.0,0.9\n", "not valid CSV")]
    public void Bad_cells_files_exit_2_naming_line_and_column(string csv, string fragment)
    {
        var folder = RepoPaths.NewTempFolder("analyze-bad");
        File.WriteAllText(Path.Combine(folder, "spec.yaml"), SyntheticSpec);
        var path = Path.Combine(folder, "cells.csv");
        File.WriteAllText(path, csv);
        var r = CliRunner.Run("analyze", path);
        Assert.Equal(2, r.Code);
        Assert.Contains(fragment, r.Err);
        Assert.DoesNotContain("Exception", r.Err);
    }

    [Fact]
    public void A_missing_spec_is_named()
    {
        var folder = RepoPaths.NewTempFolder("analyze-nospec");
        var path = Path.Combine(folder, "cells.csv");
        File.Copy(QuickFixture("cells.csv"), path);
        var r = CliRunner.Run("analyze", path);
        Assert.Equal(2, r.Code);
        Assert.Contains("--spec", r.Err);
    }
}

/// <summary>The study-lite sweep (real MNIST, docs/data/study-lite): what docs/analysis.md says Mentia finds on it.</summary>
public class StudyLiteTests
{
    [Fact]
    public void Every_line_has_a_transition_kappa_above_one_half_and_large_nu_with_the_documented_flags()
    {
        var folder = RepoPaths.NewTempFolder("study-lite");
        var r = CliRunner.Run("analyze", Path.Combine(RepoPaths.Root, "docs", "data", "study-lite", "cells.csv"), "--out", folder, "--json");
        Assert.True(r.Code == 0, r.Err + r.Out);
        using var doc = JsonDocument.Parse(r.Out);
        var rows = doc.RootElement.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("p_t").GetDouble());
        Assert.Equal([0.0, 0.1, 0.2, 0.3], rows.Keys.Order());
        foreach (var row in rows.Values)
        {
            Assert.Equal("transition", row.GetProperty("transition").GetString());
            var bkt = row.GetProperty("bkt");
            Assert.True(bkt.GetProperty("exponentLow").GetDouble() > 0.5, "kappa's lower contour bound above 1/2");
            Assert.True(row.GetProperty("algebraic").GetProperty("exponent").GetDouble() > 5, "nu large");
            // No line's crossings fix an N -> infinity limit with these sizes and replicas.
            Assert.Equal(JsonValueKind.Null, bkt.GetProperty("driftPc").ValueKind);
        }
        static string[] Flags(JsonElement fit) => fit.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!).ToArray();
        // With 6 replicas no window is confirmed on any line; p_t = 0 collapses best.
        Assert.All(rows.Values, row => Assert.Contains("window-unstable", Flags(row.GetProperty("bkt"))));
        Assert.Equal(0.0, rows.MinBy(kv => kv.Value.GetProperty("bkt").GetProperty("chi2").GetDouble()).Key);
        Assert.Contains("pc-at-sampled-rate", Flags(rows[0.3].GetProperty("bkt")));
        Assert.Contains("poor-collapse", Flags(rows[0.1].GetProperty("bkt")));
        // Every collapse window reaches both ends of its line's E ... D bracket.
        var results = ResultsExport.ReadJson(Path.Combine(folder, "results.json"));
        foreach (var line in results.Lines)
        {
            foreach (var fit in line.Scaling)
            {
                Assert.True(fit.WindowLow <= line.Transition!.EvalRateBelow && fit.WindowHigh >= line.Transition.EvalRateAbove,
                    $"p_t {line.TrainRate} {fit.Ansatz}: window [{fit.WindowLow}, {fit.WindowHigh}], bracket [{line.Transition.EvalRateBelow}, {line.Transition.EvalRateAbove}]");
            }
        }
    }
}

/// <summary>The error-bar contour level changes the error bars, never the estimate.</summary>
public class ContourIndependenceTests
{
    [Fact]
    public void The_contour_level_does_not_move_p_c_or_the_window()
    {
        var cells = Path.Combine(RepoPaths.Root, "tests", "Client.Tests", "Fixtures", "quick-mnist", "cells.csv");
        var seen = new List<(double Pc, double Low, double High)>();
        foreach (var level in new[] { "1.3x", "+1", "2x" })
        {
            var r = CliRunner.Run("analyze", cells, "--out", RepoPaths.NewTempFolder("contour"), "--contour", level, "--json");
            Assert.True(r.Code == 0, r.Err + r.Out);
            using var doc = JsonDocument.Parse(r.Out);
            var bkt = doc.RootElement.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("p_t").GetDouble() == 0).GetProperty("bkt");
            seen.Add((bkt.GetProperty("pc").GetDouble(), bkt.GetProperty("windowLow").GetDouble(), bkt.GetProperty("windowHigh").GetDouble()));
        }
        Assert.Single(seen.Distinct());
    }
}
