using System.ComponentModel;
using System.Globalization;
using Mentia.Client.Infrastructure;
using Mentia.Client.Output;
using Mentia.GrainInterfaces;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

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
