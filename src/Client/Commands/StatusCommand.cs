using Mentia.Client.Infrastructure;
using Mentia.Client.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

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
