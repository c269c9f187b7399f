using Spectre.Console;

namespace Mentia.Client.Output;

/// <summary>How wide a table prints when nothing limits it: commands compare it with the terminal and fall back to lines.</summary>
internal static class TableWidth
{
    /// <summary>The columns <paramref name="table"/> takes at most, rendered without colour at an unlimited width.</summary>
    public static int Of(Table table)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 10_000;
        console.Write(table);
        return writer.ToString().Split('\n').Max(l => l.TrimEnd().Length);
    }
}
