using Mentia.Core.Ledger;
using Mentia.Client.Infrastructure;
using Mentia.Client.Output;
using Mentia.GrainInterfaces;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

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
