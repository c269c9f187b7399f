using System.ComponentModel;
using System.Diagnostics;
using Mentia.Client.Infrastructure;
using Mentia.Client.Local;
using Mentia.Client.Output;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
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
        var total = SweepGrid.Runs(spec).Count;
        var fullOut = Path.GetFullPath(outDir);
        var trained = 0;
        // Partial results would be cells of some runs analysed as if they were all: not written. The engine
        // checks the token every training step and evaluation pass, so a stop takes milliseconds.
        signals.Explain(() => $"after {Volatile.Read(ref trained)} of {total} trainings; nothing was written to {fullOut} (`mentia run` keeps no partial results: run it again to start over)");
        console.MarkupLine($"sweep [bold]{Markup.Escape(spec.Name)}[/]: {total} trainings, {SweepGrid.EvaluationPasses(spec)} evaluation passes, in this process on {settings.Device}");
        var clock = Stopwatch.StartNew();
        var runner = new InProcessSweep(spec, text, data, settings.Engine(), settings.MaxEnsemble);
        var results = ProgressDisplay.Run(console, total, report => runner.Run(p =>
        {
            Volatile.Write(ref trained, p.Trained);
            report(p.Trained, p.Evaluated);
        }, cancellationToken));
        signals.Explain(() => $"while writing the results to {fullOut}: the files there may be incomplete; run the sweep again");
        var files = ResultsExport.WriteAll(results, outDir);
        console.MarkupLine($"[green]done[/] in {clock.Elapsed.TotalSeconds:0.0} s; results in {Markup.Escape(Path.GetFullPath(outDir))} ({files.Count} files)");
        return ExitCodes.Ok;
    }
}
