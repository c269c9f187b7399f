using System.Globalization;
using System.Text.Json.Nodes;
using Mentia.Analysis.Io;
using Mentia.Analysis.Sweeps;
using Mentia.Client.Output;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests.Local;

/// <summary>
/// `mentia run` exports its raw data (every pass, every run, every epoch) as Parquet and CSV, and the passes alone
/// rebuild every exported cell, bootstrap error included, bit for bit; results.json says what produced it.
/// One small real sweep (MNIST, a few seconds), shared by the tests.
/// </summary>
public class RawDataRunTests : IClassFixture<RawDataRunTests.TinyRun>
{
    private const string Spec = """
        name: tiny-raw
        seed: 7
        model: {widths: [8], depths: [1]}
        dropout: {p_t: [0.0, 0.5], p_e: [0.0, 0.3, 0.6]}
        N: [100, 200]
        replicas: 3
        passes: 4
        training: {maxEpochs: 6, earlyStopPatience: 2, plateauPatience: 1, validationSize: 500}
        analysis: {bootstrapResamples: 50}
        """;

    /// <summary>The run, once for the class.</summary>
    public sealed class TinyRun : IDisposable
    {
        public TinyRun()
        {
            Root = RepoPaths.NewTempFolder("raw-run");
            SpecPath = Path.Combine(Root, "tiny.yaml");
            File.WriteAllText(SpecPath, Spec);
            Out = Path.Combine(Root, "out");
            Started = DateTimeOffset.UtcNow;
            Result = CliRunner.Run("run", SpecPath, "--mnist", TestMnist.Folder, "--device", "cpu", "--threads", "1", "--out", Out);
            Finished = DateTimeOffset.UtcNow;
        }

        public string Root { get; }
        public string SpecPath { get; }
        public string Out { get; }
        public DateTimeOffset Started { get; }
        public DateTimeOffset Finished { get; }
        internal CliRunner.Result Result { get; }

        public void Dispose() => Directory.Delete(Root, true);
    }

    private readonly TinyRun _run;

    public RawDataRunTests(TinyRun run)
    {
        _run = run;
        Assert.True(run.Result.Code == 0, run.Result.Err);
    }

    private string P(string name) => Path.Combine(_run.Out, name);

    [Fact]
    public void The_passes_runs_and_curves_are_written_as_parquet_and_csv_holding_every_pass_run_and_epoch()
    {
        var spec = SpecReader.ReadFile(_run.SpecPath);
        var passes = RawDataFiles.ReadPasses(P("passes.parquet"));
        // 2 p_t x 2 N x 3 replicas, each evaluated at 3 p_e with 4 passes.
        Assert.Equal(2 * 2 * 3 * 3 * 4, passes.Count);
        Assert.Equal(passes.Count, File.ReadAllLines(P("passes.csv")).Length - 1);
        Assert.Equal("width,depth,p_t,N,replica,p_e,pass,loss,accuracy", File.ReadLines(P("passes.csv")).First());
        // The CSV holds the same numbers as the Parquet file, row by row, to the last bit.
        var csv = File.ReadAllLines(P("passes.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        for (int i = 0; i < passes.Count; i++)
        {
            Assert.Equal(passes[i].Loss, double.Parse(csv[i][7], CultureInfo.InvariantCulture));
            Assert.Equal(passes[i].Accuracy, double.Parse(csv[i][8], CultureInfo.InvariantCulture));
            Assert.Equal(passes[i].Replica, int.Parse(csv[i][4], CultureInfo.InvariantCulture));
        }
        Assert.Equal([0, 1, 2, 3], passes.Select(p => p.Pass).Distinct().Order());

        var runs = RawDataFiles.ReadRuns(P("runs.parquet"));
        Assert.Equal(12, runs.Count);
        var planned = SweepGrid.Runs(spec).ToDictionary(r => (r.TrainRate, r.Size, r.Replica));
        foreach (var r in runs)
        {
            Assert.Equal(planned[(r.TrainRate, r.Size, r.Replica)].Seed, r.Seed);
            Assert.InRange(r.Epochs, 1, 6);
            Assert.InRange(r.BestEpoch, 1, r.Epochs);
            Assert.Contains(r.StopReason, new[] { "earlyStopping", "maxEpochs" });
            Assert.Equal("local", r.Worker);
            Assert.Equal("cpu", r.Device);
            Assert.True(r.WallSeconds > 0);
            Assert.InRange(r.LearningRateDrops, 0, r.Epochs - 1);
        }
        Assert.Equal(13, File.ReadAllLines(P("runs.csv")).Length);

        var curves = RawDataFiles.ReadCurves(P("curves.parquet"));
        // One row per epoch run, and each run's best validation loss is its curve's minimum at its best epoch.
        Assert.Equal(runs.Sum(r => r.Epochs), curves.Count);
        foreach (var r in runs)
        {
            var curve = curves.Where(c => c.TrainRate == r.TrainRate && c.Size == r.Size && c.Replica == r.Replica).OrderBy(c => c.Epoch).ToArray();
            Assert.Equal(Enumerable.Range(1, r.Epochs), curve.Select(c => c.Epoch));
            Assert.Equal(r.BestValidationLoss, curve[r.BestEpoch - 1].ValidationLoss);
            Assert.Equal(r.BestValidationLoss, curve.Min(c => c.ValidationLoss));
        }
    }

    [Fact]
    public void The_passes_alone_rebuild_every_exported_cell_with_its_bootstrap_error()
    {
        var spec = SpecReader.ReadFile(P("spec.yaml"));
        var recomputed = RawCells.Recompute(spec, RawDataFiles.ReadPasses(P("passes.parquet")));
        var exported = ResultsExport.ReadJson(P("results.json")).Cells;
        Assert.Equal(2 * 3 * 2, exported.Count);
        Assert.Equal(exported.Count, recomputed.Count);
        for (int i = 0; i < exported.Count; i++)
        {
            Assert.Equal((exported[i].TrainRate, exported[i].EvalRate, exported[i].Size), (recomputed[i].TrainRate, recomputed[i].EvalRate, recomputed[i].Size));
            // Records compare every statistic: <L>, its bootstrap error, <A>, the Binder cumulant, counts, B.
            Assert.Equal(exported[i].Statistics, recomputed[i].Statistics);
            Assert.NotNull(recomputed[i].Statistics.MeanLossErr);
        }
        // And the cells.csv a pandas user would compare with: the same text.
        var rebuilt = ResultsExport.CellsCsv(ResultsExport.ReadJson(P("results.json")) with { Cells = recomputed });
        Assert.Equal(File.ReadAllText(P("cells.csv")), rebuilt);
    }

    [Fact]
    public void Results_json_carries_the_provenance_of_the_run()
    {
        var json = JsonNode.Parse(File.ReadAllText(P("results.json")))!;
        Assert.Equal(SweepResults.CurrentSchema, json["schemaVersion"]!.GetValue<int>());
        var p = ResultsExport.ReadJson(P("results.json")).Provenance!;
        Assert.Equal(MentiaApp.Version, p.MentiaVersion);
        Assert.Equal(Provenance.CommitOf(MentiaApp.Version), p.Commit);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(_run.SpecPath))), p.SpecSha256);
        Assert.Equal(7UL, p.Seed);
        Assert.Equal(["cpu"], p.Devices);
        Assert.Equal(1, p.Threads);
        Assert.Equal(["local"], p.Silos);
        Assert.StartsWith("0.107", p.TorchSharpVersion);
        Assert.Matches(@"^\d+\.\d+", p.LibtorchVersion);
        Assert.Contains(".NET 10", p.DotnetVersion);
        Assert.False(string.IsNullOrEmpty(p.Os));
        Assert.InRange(p.StartedAt!.Value, _run.Started, p.FinishedAt!.Value);
        Assert.InRange(p.FinishedAt!.Value, p.StartedAt.Value, _run.Finished);
    }
}
