using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests.Commands;

/// <summary>
/// Bounded input through every command that reads a spec (spec validate, submit, run): a grid too large
/// to expand, a file over 1 MiB and bytes that are not UTF-8 are bad input (exit 2) before anything is
/// expanded, trained or sent, each naming the limit or the encoding.
/// </summary>
public class SpecBoundsTests
{
    private static readonly string Quick = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "quick.yaml"));

    private static string Write(string name, byte[] bytes)
    {
        var file = Path.Combine(RepoPaths.NewTempFolder("spec-bounds"), name);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    /// <summary>quick.yaml with 1,000 sizes x 1,000 p_t x 1,000 replicas: every field in range, a billion runs.</summary>
    private static string HugeGrid()
    {
        var sizes = string.Join(", ", Enumerable.Range(1, 1000).Select(i => i * 10));
        var text = Quick.Replace("N: [250, 500, 1000, 2000]", $"N: [{sizes}]")
            .Replace("replicas: 4", "replicas: 1000")
            .Replace("p_t: [0.0, 0.25, 0.5, 0.75, 0.95]", "p_t: {from: 0.0, to: 0.999, step: 0.001}");
        Assert.NotEqual(Quick, text);
        return Write("huge.yaml", Encoding.UTF8.GetBytes(text));
    }

    private static string Oversized() => Write("big.yaml", Encoding.UTF8.GetBytes("#" + new string('x', 2 << 20) + "\n" + Quick));

    private static string Latin1() => Write("latin1.yaml", [.. Encoding.UTF8.GetBytes("# caf"), 0xE9, (byte)'\n', .. Encoding.UTF8.GetBytes(Quick)]);


    /// <summary>The command line of each spec-reading command; submit points at a closed port, run at an output folder, so getting past the spec would show.</summary>
    private static string[] Command(string command, string spec) => command switch
    {
        "validate" => ["spec", "validate", spec],
        "submit" => ["submit", spec, "--gateway", $"127.0.0.1:{TestPorts.Closed()}", "--timeout", "1"],
        "run" => ["run", spec, "--device", "cpu", "--mnist", TestMnist.Folder, "--out", Path.Combine(RepoPaths.NewTempFolder("spec-bounds-run"), "out")],
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static void AssertRefused(CliRunner.Result r, string expected)
    {
        Assert.True(r.Code == 2, $"exit {r.Code}\n{r.Err}");
        Assert.Contains(expected, r.Err);
        Assert.DoesNotContain("Exception", r.Err);
        Assert.DoesNotContain("replicas to train", r.Out); // run: nothing started
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("submit")]
    [InlineData("run")]
    public void A_grid_too_large_to_expand_is_refused_at_once_with_its_cost(string command)
    {
        var clock = Stopwatch.StartNew();
        var r = CliRunner.Run(Command(command, HugeGrid()));
        AssertRefused(r, "(grid): the sweep is too large: 1,000,000,000 training runs (model.widths 1 x model.depths 1 x dropout.p_t 1,000 x N 1,000 x replicas 1,000) exceed the limit of 1,000,000");
        Assert.Contains("evaluation passes", r.Err);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("submit")]
    [InlineData("run")]
    public void A_spec_over_one_mebibyte_is_refused_naming_the_limit(string command)
    {
        AssertRefused(CliRunner.Run(Command(command, Oversized())), "a spec is at most 1,048,576 bytes (1 MiB)");
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("submit")]
    [InlineData("run")]
    public void Bytes_that_are_not_utf8_are_an_encoding_error(string command)
    {
        AssertRefused(CliRunner.Run(Command(command, Latin1())), "(encoding) (line 1, column 6): byte 0xE9 is not UTF-8");
    }

    [Fact]
    public void Spec_validate_json_reports_the_grid_problem_as_an_invalid_spec()
    {
        var r = CliRunner.Run("spec", "validate", HugeGrid(), "--json");
        Assert.Equal(2, r.Code);
        var error = JsonDocument.Parse(r.Out).RootElement.GetProperty("error");
        Assert.Equal("invalid-spec", error.GetProperty("kind").GetString());
        Assert.Equal("(grid)", error.GetProperty("field").GetString());
    }

    [Fact]
    public void Spec_validate_counts_the_grid_it_accepts()
    {
        var r = CliRunner.Run("spec", "validate", Path.Combine(RepoPaths.Root, "examples", "paper.yaml"), "--json");
        Assert.Equal(0, r.Code);
        var json = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(1400, json.GetProperty("replicasTotal").GetInt64());
        Assert.Equal(20 * 39 * 7, json.GetProperty("cellsTotal").GetInt64());
    }
}
