using System.Text.RegularExpressions;
using Mentia.Client.Output;
using Mentia.TestSupport;
using Spectre.Console;
using Xunit;

namespace Mentia.Client.Tests.Output;

/// <summary>The boundary table fits the terminal: the full table where it fits, one block per line where not; never a number cut.</summary>
public partial class BoundaryTableWidthTests
{
    private static readonly Lazy<IReadOnlyList<BoundaryRow>> Rows = new(() =>
    {
        var folder = RepoPaths.NewTempFolder("boundary-width");
        var r = CliRunner.Run("analyze", Path.Combine(RepoPaths.Root, "tests", "Client.Tests", "Fixtures", "quick-mnist", "cells.csv"), "--out", folder);
        Assert.Equal(0, r.Code);
        return BoundaryRows.From(ResultsExport.ReadJson(Path.Combine(folder, "results.json")));
    });

    private static string[] Printed(int width)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = width;
        console.Write(BoundaryRows.Render(Rows.Value, width));
        return writer.ToString().Split('\n').Select(l => l.TrimEnd()).ToArray();
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(120)]
    public void A_narrow_terminal_gets_every_estimate_whole_within_its_width(int width)
    {
        var lines = Printed(width);
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
        Assert.DoesNotContain(lines, l => l.Contains('│'));
        // Every estimate of the wide table, whole on one line: p_c and the exponents with their asymmetric errors, chi2.
        var wide = string.Join('\n', Printed(400));
        var estimates = Estimate().Matches(wide).Select(m => m.Value).Distinct().ToList();
        Assert.True(estimates.Count >= 4, string.Join(" | ", estimates));
        Assert.All(estimates, e => Assert.Contains(lines, l => l.Contains(e, StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("w64d2 p_t = 0.95:", StringComparison.Ordinal) && l.Contains("amentia", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("EEEEEUDDDD", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wide_terminal_gets_the_table_one_row_per_line()
    {
        var lines = Printed(250);
        Assert.Contains(lines, l => l.Contains('│'));
        var rows = lines.Where(l => l.StartsWith("│ w64d2", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, rows.Count);
        Assert.All(lines, l => Assert.True(l.Length <= 250));
    }

    [Theory]
    [InlineData(new[] { "aaaa", "bbbb", "cccc" }, 10, new[] { "aaaa  bbbb", "  cccc" })]
    [InlineData(new[] { "a-very-long-field" }, 5, new[] { "a-very-long-field" })]
    public void Fields_wrap_between_fields_only(string[] fields, int width, string[] expected) =>
        Assert.Equal(expected, BoundaryRows.Wrap(fields, width, "  "));

    [GeneratedRegex(@"\d+\.\d+ \+\d+\.\d+/-\d+\.\d+\*?")]
    private static partial Regex Estimate();
}
