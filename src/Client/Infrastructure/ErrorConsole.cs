using Mentia.Core.Specs;
using Spectre.Console;

namespace Mentia.Client.Infrastructure;

/// <summary>
/// Standard error, for commands that warn: warnings go there so that stdout stays the data a script reads
/// (a table, JSON) and the exit code stays what the command did. Written as plain lines, never wrapped,
/// like <see cref="ErrorReporter"/>'s, so logs can be grepped for "warning: ".
/// </summary>
public sealed class ErrorConsole(IAnsiConsole console)
{
    /// <summary>Writes "warning: TEXT" on one line.</summary>
    public void Warn(string text) => console.Profile.Out.Writer.WriteLine($"warning: {text}");

    /// <summary>Writes a plain line that tells what the command is doing beyond its output (e.g. a sweep it resumed).</summary>
    public void Note(string text) => console.Profile.Out.Writer.WriteLine(text);

    /// <summary>One "warning: FIELD: ..." line per thing a valid spec will not deliver.</summary>
    public void Warn(IEnumerable<SpecWarning> warnings)
    {
        foreach (var w in warnings)
        {
            Warn(w.ToString());
        }
    }
}
