using System.Globalization;
using Mentia.Client.Infrastructure;
using Mentia.GrainInterfaces;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

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
