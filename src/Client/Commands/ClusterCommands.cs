using Mentia.Core.Ledger;
using System.ComponentModel;
using System.Globalization;
using Mentia.Analysis.Sweeps;
using Mentia.Client.Infrastructure;
using Mentia.Client.Output;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

/// <summary>Settings of commands about one sweep.</summary>
public class SweepIdSettings : ClusterSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("Sweep id, as `mentia submit` printed it (see `mentia list`).")]
    public string Id { get; init; } = "";

    /// <summary>
    /// The id is checked before any connection: an id that no sweep can have ('../../etc', an empty one)
    /// is bad input naming the rule, not a storage exception from deep inside the cluster.
    /// </summary>
    public override ValidationResult Validate() =>
        SweepIds.Validate(Id) is { } problem ? ValidationResult.Error(InvalidId(Id, problem)) : base.Validate();

    /// <summary>"ID: '../../etc' is not a sweep id: '/' is not allowed; allowed: ..."; the message of every command that takes an id.</summary>
    internal static string InvalidId(string id, string problem) => $"ID: {SweepIds.Quote(id)} is not a sweep id: {problem}; allowed: {SweepIds.Allowed}";

    /// <summary>The sweep grain, after checking the sweep exists.</summary>
    public async Task<ISweepControl> SweepAsync(ClusterConnection cluster, CancellationToken ct)
    {
        var sweep = cluster.Client.GetGrain<ISweepControl>(Id);
        if (await sweep.GetSpecText().WaitAsync(ct) is null)
        {
            throw new UserInputException($"ID: no sweep '{Id}' in this cluster (see `mentia list`)");
        }
        return sweep;
    }
}

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

/// <summary>`mentia list`: every sweep the cluster knows, with its progress.</summary>
public sealed class ListCommand(IAnsiConsole console) : AsyncCommand<ClusterSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ClusterSettings settings, CancellationToken cancellationToken)
    {
        await using var cluster = await settings.ConnectAsync(cancellationToken);
        var sweeps = await cluster.Client.GetGrain<ISweepRegistryGrain>(0).List();
        var progress = await Task.WhenAll(sweeps.Select(s => cluster.Client.GetGrain<ISweepControl>(s.SweepId).GetProgress()));
        if (settings.Json)
        {
            JsonOutput.Write(console, progress);
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("id", "state", "replicas done", "submitted (UTC)");
        foreach (var p in progress)
        {
            table.AddRow(p.SweepId, p.State.ToString().ToLowerInvariant(), $"{p.Done}/{p.Replicas}", p.SubmittedAt.ToString("u", CultureInfo.InvariantCulture));
        }
        console.Write(table);
        return ExitCodes.Ok;
    }
}

/// <summary>`mentia status ID`: one sweep's progress now.</summary>
public sealed class StatusCommand(IAnsiConsole console) : AsyncCommand<SweepIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepIdSettings settings, CancellationToken cancellationToken)
    {
        await using var cluster = await settings.ConnectAsync(cancellationToken);
        var progress = await (await settings.SweepAsync(cluster, cancellationToken)).GetProgress();
        if (settings.Json)
        {
            JsonOutput.Write(console, progress);
        }
        else
        {
            console.PlainLine(SweepText.Progress(progress));
        }
        return ExitCodes.Ok;
    }
}

/// <summary>`mentia cancel ID`: stops dispatching new work for the sweep.</summary>
public sealed class CancelCommand(IAnsiConsole console) : AsyncCommand<SweepIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepIdSettings settings, CancellationToken cancellationToken)
    {
        await using var cluster = await settings.ConnectAsync(cancellationToken);
        var sweep = await settings.SweepAsync(cluster, cancellationToken);
        var before = await sweep.GetProgress().WaitAsync(cancellationToken);
        await sweep.Cancel().WaitAsync(cancellationToken);
        var progress = await sweep.GetProgress().WaitAsync(cancellationToken);
        if (settings.Json)
        {
            JsonOutput.Write(console, progress);
        }
        else
        {
            console.PlainLine(Describe(before.State, progress));
            console.PlainLine(SweepText.Progress(progress));
        }
        return ExitCodes.Ok;
    }

    /// <summary>What a cancel did, in one sentence: what stops, what still finishes, how to go on (or why nothing changed).</summary>
    public static string Describe(SweepState before, SweepProgress after) => before switch
    {
        SweepState.Running => $"cancelled sweep {after.SweepId}: nothing more is dispatched; work already on the silos' devices finishes and is kept; `mentia resume {after.SweepId}` finishes the rest",
        _ => $"sweep {after.SweepId} is already {before.ToString().ToLowerInvariant()}: nothing to cancel",
    };
}

/// <summary>`mentia boundary ID`: the phase boundary and FSS estimates as of now, while replicas still arrive.</summary>
public sealed class BoundaryCommand(IAnsiConsole console) : AsyncCommand<BoundaryCommand.Settings>
{
    public sealed class Settings : SweepIdSettings
    {
        [CommandOption("--pt <RATE>")]
        [Description("Only the line at this training dropout rate.")]
        public double? TrainRate { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var cluster = await settings.ConnectAsync(cancellationToken);
        await settings.SweepAsync(cluster, cancellationToken);
        var results = await cluster.Client.GetGrain<ISweepAnalysisGrain>(settings.Id).GetResults();
        var rows = BoundaryRows.From(results, settings.TrainRate);
        if (settings.TrainRate is { } pt && rows.Count == 0)
        {
            throw new UserInputException($"--pt: {pt.ToString(CultureInfo.InvariantCulture)} is not a training rate of this sweep; allowed: {string.Join(", ", results.Lines.Select(l => l.TrainRate.ToString(CultureInfo.InvariantCulture)).Distinct())}");
        }
        if (settings.Json)
        {
            JsonOutput.Write(console, new { results.SweepId, results.State, results.ReplicasDone, results.ReplicasTotal, lines = rows });
            return ExitCodes.Ok;
        }
        console.MarkupLine($"sweep [bold]{Markup.Escape(results.SweepId)}[/]: {results.ReplicasDone}/{results.ReplicasTotal} replicas done ({results.State})");
        console.Write(BoundaryRows.Render(rows, console.Profile.Width));
        return ExitCodes.Ok;
    }
}

/// <summary>`mentia results ID`: every cell's statistics and each line's fits, as CSV or JSON.</summary>
public sealed class ResultsCommand(IAnsiConsole console) : AsyncCommand<ResultsCommand.Settings>
{
    public sealed class Settings : SweepIdSettings
    {
        [CommandOption("--format <FORMAT>")]
        [Description("csv (cells) or json (everything). Default: json")]
        public string? Format { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Write results.json (chi2 maps in chi2/), cells.csv, alpha.csv, fss.csv, spec.yaml and the raw data (passes, runs, curves: .parquet and .csv) into DIR instead of printing (with --json: their list as JSON).")]
        public string? Out { get; init; }

        /// <summary>What is printed: --format, else json.</summary>
        public bool Csv => Format == "csv";

        public override ValidationResult Validate()
        {
            if (Format is not (null or "csv" or "json"))
            {
                return ValidationResult.Error($"--format: '{Format}' is not allowed; allowed: csv, json");
            }
            // --json promises JSON on stdout; CSV there would break it, so the two are refused together.
            if (Json && Csv)
            {
                return ValidationResult.Error("--format: 'csv' conflicts with --json (JSON on stdout); drop --json, or use --format json");
            }
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var cluster = await settings.ConnectAsync(cancellationToken);
        await settings.SweepAsync(cluster, cancellationToken);
        var analysis = cluster.Client.GetGrain<ISweepAnalysisGrain>(settings.Id);
        var results = await analysis.GetResults();
        if (settings.Out is { } dir)
        {
            // The raw data only for files: printed results stay the aggregate they always were.
            var files = ResultsExport.WriteAll(results, dir, await analysis.GetRawData());
            if (settings.Json)
            {
                JsonOutput.Write(console, new { outDir = Path.GetFullPath(dir), files });
            }
            else
            {
                console.MarkupLine($"{files.Count} files in {Markup.Escape(Path.GetFullPath(dir))}");
            }
        }
        else
        {
            console.Profile.Out.Writer.Write(settings.Csv ? ResultsExport.CellsCsv(results) : ResultsExport.Json(results));
        }
        return ExitCodes.Ok;
    }
}
