using System.ComponentModel;
using System.Diagnostics;
using Mentia.Client.Infrastructure;
using Mentia.Client.Local;
using Mentia.Client.Output;
using Mentia.Core.Records.Raw;
using Mentia.Core.Specs;
using Mentia.Training;
using Mentia.Analysis.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

/// <summary>`mentia run SPEC --out DIR`: a whole sweep in this process (no cluster), results written as data.</summary>
public sealed class RunCommand(IAnsiConsole console, ErrorConsole errors, StopSignals signals) : Command<RunCommand.Settings>
{
    public sealed class Settings : EngineSettings
    {
        [CommandArgument(0, "<SPEC>")]
        [Description("Sweep spec, YAML or JSON.")]
        public string Spec { get; init; } = "";

        [CommandOption("--out <DIR>")]
        [Description("Where results.json (chi2 maps in chi2/), cells.csv, alpha.csv, fss.csv, spec.yaml and the raw data (passes, runs, curves: .parquet and .csv) go. Default: out/<sweep name>")]
        public string? Out { get; init; }

        [CommandOption("--max-ensemble <R>")]
        [Description("Training runs of one architecture trained at once as a batched ensemble. Default: 16")]
        public int MaxEnsemble { get; init; } = 16;

        public override ValidationResult Validate() =>
            MaxEnsemble is < 1 or > 1024 ? ValidationResult.Error($"--max-ensemble: {MaxEnsemble} is out of range; allowed: [1, 1024]") : base.Validate();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        signals.Explain(() => "nothing was trained or written");
        var spec = SpecReader.ReadFile(settings.Spec);
        errors.Warn(SpecWarnings.For(spec)); // before hours of training, not after
        var text = File.ReadAllText(settings.Spec);
        var data = settings.LoadMnist();
        var outDir = settings.Out ?? Path.Combine("out", spec.Name);
        var fullOut = Path.GetFullPath(outDir);
        var progress = new RunProgress(spec);
        signals.Explain(() => $"after {progress.RunsTrained} of {progress.RunsTotal} replicas trained; nothing was written to {fullOut}");
        var device = TorchRuntime.ResolveDevice(settings.Device).type.ToString().ToLowerInvariant();
        console.MarkupLine($"sweep [bold]{Markup.Escape(spec.Name)}[/]: {progress.RunsTotal} replicas to train (up to {spec.Training.MaxEpochs} epochs each), {progress.PassesTotal} evaluation passes, in this process on {device}");
        // On Ctrl-C or SIGTERM the runner stops within a step and returns what it has: time to analyse and write it.
        signals.AllowForSaving(TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var runner = new InProcessSweep(spec, text, data, settings.Engine(), settings.MaxEnsemble);
        var results = ProgressDisplay.Run(console, progress, changed => runner.Run(progress, changed, cancellationToken));
        var raw = runner.Raw;
        results = results with { Provenance = LocalProvenance.Of(spec, text, raw, settings.Device, settings.Threads, started, DateTimeOffset.UtcNow) };
        if (results.State == InProcessSweep.PartialState)
        {
            WritePartial(results, outDir, raw);
            cancellationToken.ThrowIfCancellationRequested();
        }
        signals.Explain(() => $"while writing the results to {fullOut}: the files there may be incomplete; run the sweep again");
        var files = ResultsExport.WriteAll(results, outDir, raw);
        console.Write(BoundaryRows.Render(BoundaryRows.From(results), console.Profile.Width));
        console.MarkupLine($"[green]done[/] in {ProgressDisplay.Duration(clock.Elapsed)}; results in {Markup.Escape(fullOut)} ({files.Count} files); figures: mentia report {Markup.Escape(Path.Combine(outDir, "results.json"))}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Writes a stopped run's results, never over a finished result: nothing when no replica was evaluated; into
    /// <paramref name="outDir"/> when it holds no results or partial ones; else into a sibling "-partial" folder.
    /// </summary>
    private void WritePartial(SweepResults partial, string outDir, RawData raw)
    {
        var summary = $"{partial.ReplicasDone} of {partial.ReplicasTotal} replicas evaluated, {partial.CellsComplete} of {partial.CellsTotal} cells complete; state 'partial'";
        if (partial.ReplicasDone == 0)
        {
            signals.Explain(() => $"no replica had finished training and evaluation; nothing was written to {Path.GetFullPath(outDir)}");
            return;
        }
        var target = HoldsFinishedResults(outDir) ? outDir.TrimEnd('/', Path.DirectorySeparatorChar) + "-partial" : outDir;
        var full = Path.GetFullPath(target);
        signals.Explain(() => $"while writing the partial results to {full}: the files there may be incomplete");
        ResultsExport.WriteAll(partial, target, raw);
        var kept = target == outDir ? "" : $" (the finished results in {Path.GetFullPath(outDir)} are kept)";
        signals.Explain(() => $"partial results ({summary}) written to {full}{kept}; run the spec again for all of it");
    }

    /// <summary>
    /// Whether <paramref name="outDir"/> holds a results.json that is not itself partial (or cannot be read: kept to be
    /// safe). Only its top-level `state` is read (a key of every schema): the stop's grace is no time to load the maps.
    /// </summary>
    private static bool HoldsFinishedResults(string outDir)
    {
        var path = Path.Combine(outDir, "results.json");
        if (!File.Exists(path))
        {
            return false;
        }
        try
        {
            using var stream = File.OpenRead(path);
            using var doc = System.Text.Json.JsonDocument.Parse(stream);
            return !(doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && doc.RootElement.TryGetProperty("state", out var state)
                && state.ValueKind == System.Text.Json.JsonValueKind.String
                && state.GetString() == InProcessSweep.PartialState);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}
