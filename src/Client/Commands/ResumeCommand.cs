using Mentia.Client.Infrastructure;
using Mentia.Client.Output;
using Mentia.Core.Ledger;
using Mentia.GrainInterfaces;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

/// <summary>
/// `mentia resume ID`: reopens a cancelled or failed sweep. Finished runs are kept; only what is missing is
/// trained or evaluated; runs that had failed are tried again with a fresh failure budget.
/// </summary>
public sealed class ResumeCommand(IAnsiConsole console) : AsyncCommand<SweepIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepIdSettings settings, CancellationToken cancellationToken)
    {
        await using var cluster = await settings.ConnectAsync(cancellationToken);
        var sweep = await settings.SweepAsync(cluster, cancellationToken);
        var resumed = await sweep.Resume().WaitAsync(cancellationToken);
        if (settings.Json)
        {
            JsonOutput.Write(console, resumed);
        }
        else
        {
            console.PlainLine(Describe(resumed));
            console.PlainLine(SweepText.Progress(resumed.Progress));
        }
        return ExitCodes.Ok;
    }

    /// <summary>What a resume did, in one sentence: what is kept and what will be done (or why nothing changed).</summary>
    public static string Describe(SweepResumed resumed)
    {
        var (p, plan) = (resumed.Progress, resumed.Plan);
        if (!plan.Resumed)
        {
            return $"sweep {p.SweepId} is {p.State.ToString().ToLowerInvariant()}: nothing to resume";
        }
        var retried = plan.FailedRetried > 0 ? $"; {plan.FailedRetried} failed runs are tried again" : "";
        var now = p.State == SweepState.Done ? " (nothing was missing: it is done)" : "";
        return $"resumed sweep {p.SweepId}: {plan.RunsKept} finished runs are kept; {plan.RunsToTrain} to train, {plan.RunsToEvaluate} to finish evaluating{retried}{now}";
    }
}
