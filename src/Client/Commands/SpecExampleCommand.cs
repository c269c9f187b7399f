using Mentia.Client.Infrastructure;
using Mentia.Core.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

/// <summary>`mentia spec example`: prints a commented spec to start from.</summary>
public sealed class SpecExampleCommand(IAnsiConsole console) : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        console.Profile.Out.Writer.Write(SpecExample.Yaml);
        return ExitCodes.Ok;
    }
}
