using Mentia.Client.Output;
using Mentia.Core.Ledger;
using Mentia.GrainInterfaces;
using Spectre.Console;
using Xunit;

namespace Mentia.Client.Tests.Output;

/// <summary>Status and progress lines stay one line in a log, however long and however narrow the console.</summary>
public class PlainLinesTests
{
    [Fact]
    public void A_long_status_line_is_not_wrapped_at_the_console_width()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 80;
        var why = "8 of 8 runs failed; w16d1/pt0.000/N250/r0: no silo could take it (30 declines in a row); last: MNIST unusable on S127.0.0.1:11210:1: SHA-256 mismatch";
        var progress = new SweepProgress("tiny-0123456789", "tiny", SweepState.Failed, 8, 0, 0, 0, 0, 8, 0, 96, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(58), 0, why);
        console.PlainLine(SweepText.Progress(progress));
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.True(lines[0].Length > 200, "the line must be long for the test to mean anything");
        Assert.EndsWith(why, lines[0].TrimEnd());
    }
}
