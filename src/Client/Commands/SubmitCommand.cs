using Mentia.Core.Ledger;
using System.ComponentModel;
using Mentia.Client.Infrastructure;
using Mentia.Client.Output;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

/// <summary>`mentia submit SPEC`: validates locally, submits, prints the sweep id.</summary>
public sealed class SubmitCommand(IAnsiConsole console, ErrorConsole errors, StopSignals signals) : AsyncCommand<SubmitCommand.Settings>
{
    public sealed class Settings : ClusterSettings
    {
        [CommandArgument(0, "<SPEC>")]
        [Description("Sweep spec, YAML or JSON.")]
        public string Spec { get; init; } = "";

        [CommandOption("--wait")]
        [Description("Follow the sweep as `mentia watch` does until it ends; exit 0 when done, 1 otherwise.")]
        public bool Wait { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("With --wait: write the results (as `mentia results --out`) when the sweep ends.")]
        public string? Out { get; init; }

        public override ValidationResult Validate() =>
            Out is not null && !Wait ? ValidationResult.Error("--out: only with --wait (else use `mentia results ID --out DIR` later)") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var spec = SpecReader.ReadFile(settings.Spec); // bad specs never reach the cluster
        errors.Warn(SpecWarnings.For(spec)); // what the sweep will not deliver, said before it is queued
        var text = File.ReadAllText(settings.Spec);
        var id = SweepIds.For(spec.Name, text);
        signals.Explain(() => "nothing was submitted");
        await using var cluster = await settings.ConnectAsync(cancellationToken);
        var sweep = cluster.Client.GetGrain<ISweepControl>(id);
        signals.Explain(() => $"the sweep {id} may or may not have reached the cluster (`mentia status {id}` says)");
        var progress = await sweep.Submit(text).WaitAsync(cancellationToken);
        if (progress.State is SweepState.Cancelled or SweepState.Failed)
        {
            // Submitting a stopped sweep again asks for it to run: resume it, and say so.
            var resumed = await sweep.Resume().WaitAsync(cancellationToken);
            errors.Note(ResumeCommand.Describe(resumed));
            progress = resumed.Progress;
        }
        signals.Explain(() => WatchCommand.GoesOn(id));
        if (settings.Wait)
        {
            if (!settings.Json)
            {
                console.WriteLine(id); // with --json every progress line carries the id
            }
            progress = await WatchCommand.FollowAsync(console, sweep, cluster.Client.GetGrain<ISweepAnalysisGrain>(id), TimeSpan.FromSeconds(1), settings.Json, cancellationToken);
            if (settings.Out is { } dir)
            {
                var analysis = cluster.Client.GetGrain<ISweepAnalysisGrain>(id);
                var files = ResultsExport.WriteAll(await analysis.GetResults(), dir, await analysis.GetRawData());
                if (settings.Json)
                {
                    JsonOutput.WriteLine(console, new { outDir = Path.GetFullPath(dir), files });
                }
                else
                {
                    console.MarkupLine($"{files.Count} files in {Markup.Escape(Path.GetFullPath(dir))}");
                }
            }
            return progress.State == SweepState.Done ? ExitCodes.Ok : ExitCodes.Failure;
        }
        if (settings.Json)
        {
            JsonOutput.Write(console, progress);
        }
        else
        {
            console.Profile.Out.Writer.WriteLine(id);
            if (progress.Done > 0)
            {
                console.MarkupLine($"[grey]already known: {progress.Done}/{progress.Replicas} replicas done; nothing finished is redone[/]");
            }
        }
        return ExitCodes.Ok;
    }
}
