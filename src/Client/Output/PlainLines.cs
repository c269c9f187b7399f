using Spectre.Console;

namespace Mentia.Client.Output;

/// <summary>
/// Lines that must stay one line whatever the console width (status and progress lines that logs are grepped
/// for): written to the console's writer directly, never wrapped by Spectre at its width.
/// </summary>
public static class PlainLines
{
    public static void PlainLine(this IAnsiConsole console, string text) => console.Profile.Out.Writer.WriteLine(text);
}
