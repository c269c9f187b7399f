using Spectre.Console;

namespace Mentia.Client.Tests;

/// <summary>Runs `mentia` in-process with captured standard output and error.</summary>
internal static class CliRunner
{
    public sealed record Result(int Code, string Out, string Err);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = MentiaApp.Run(args, Console(output), Console(error));
        return new Result(code, output.ToString(), error.ToString());
    }

    private static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // As `mentia` does for pipes (MentiaApp): wide enough that a table row stays on one line.
        console.Profile.Width = 200;
        return console;
    }
}
