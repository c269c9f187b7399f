using System.ComponentModel;
using System.Diagnostics;
using Mentia.Client.Infrastructure;
using Mentia.Client.Local;
using Mentia.Client.Output;
using Mentia.Core.Specs;
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
        [Description("Where results.json, cells.csv, alpha.csv, fss.csv and spec.yaml go. Default: out/<sweep name>")]
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
        signals.Explain(() => $"after {progress.RunsTrained} of {progress.RunsTotal} trainings; nothing was written to {fullOut}");
        console.MarkupLine($"sweep [bold]{Markup.Escape(spec.Name)}[/]: {progress.RunsTotal} trainings (up to {spec.Training.MaxEpochs} epochs each), {progress.PassesTotal} evaluation passes, in this process on {settings.Device}");
        // On Ctrl-C or SIGTERM the runner stops within a step and returns what it has: time to analyse and write it.
        signals.AllowForSaving(TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        var runner = new InProcessSweep(spec, text, data, settings.Engine(), settings.MaxEnsemble);
        var results = ProgressDisplay.Run(console, progress, changed => runner.Run(progress, changed, cancellationToken));
        if (results.State == InProcessSweep.PartialState)
        {
            signals.Explain(() => $"while writing the partial results to {fullOut}: the files there may be incomplete");
            ResultsExport.WriteAll(results, outDir);
            signals.Explain(() => $"partial results ({results.ReplicasDone} of {results.ReplicasTotal} runs evaluated, {results.CellsComplete} of {results.CellsTotal} cells complete; state 'partial') written to {fullOut}; run the spec again for all of it");
            cancellationToken.ThrowIfCancellationRequested();
        }
        signals.Explain(() => $"while writing the results to {fullOut}: the files there may be incomplete; run the sweep again");
        var files = ResultsExport.WriteAll(results, outDir);
        console.Write(BoundaryRows.Render(BoundaryRows.From(results), console.Profile.Width));
        console.MarkupLine($"[green]done[/] in {ProgressDisplay.Duration(clock.Elapsed)}; results in {Markup.Escape(fullOut)} ({files.Count} files); figures: mentia report {Markup.Escape(Path.Combine(outDir, "results.json"))}");
        return ExitCodes.Ok;
    }
}
