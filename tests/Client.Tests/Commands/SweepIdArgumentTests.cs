using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests.Commands;

/// <summary>
/// Every command that takes a sweep id refuses one no sweep can have before it connects: exit 2, one line
/// naming ID and the allowed characters; never a storage exception or Orleans' "(Parameter 'primaryKey')".
/// </summary>
public class SweepIdArgumentTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var command in new[] { "status", "watch", "results", "cancel", "resume", "boundary" })
        {
            data.Add(command, "../../etc", "'/' is not allowed");
            data.Add(command, "", "it is empty");
            data.Add(command, "..", "it has no letter or digit");
        }
        return data;
    }


    [Theory]
    [MemberData(nameof(Cases))]
    public void An_id_no_sweep_can_have_is_bad_input_naming_the_argument_and_the_rule(string command, string id, string problem)
    {
        var clock = Stopwatch.StartNew();
        var r = CliRunner.Run(command, id, "--gateway", $"127.0.0.1:{TestPorts.Closed()}", "--timeout", "30");
        Assert.Equal(2, r.Code);
        var line = Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: ID: '{id}' is not a sweep id: {problem}; allowed: 1 to 100 characters, each a letter, digit, '-', '_' or '.'", line);
        Assert.DoesNotContain("Exception", r.Err);
        Assert.DoesNotContain("primaryKey", r.Err);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}: it tried the cluster first");
    }

    [Fact]
    public void With_json_the_error_object_names_the_ID_field()
    {
        var r = CliRunner.Run("status", "../../etc", "--json", "--gateway", $"127.0.0.1:{TestPorts.Closed()}");
        Assert.Equal(2, r.Code);
        var error = JsonDocument.Parse(r.Out).RootElement.GetProperty("error");
        Assert.Equal("ID", error.GetProperty("field").GetString());
        Assert.Equal("bad-input", error.GetProperty("kind").GetString());
    }

    [Fact]
    public void A_valid_id_gets_past_the_check_to_the_connection()
    {
        // The rule must not refuse what `mentia submit` prints: such an id reaches the cluster (here: nobody answers, exit 1).
        var id = Mentia.Core.Sweeps.SweepIds.For("quick", File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "quick.yaml")));
        var r = CliRunner.Run("status", id, "--gateway", $"127.0.0.1:{TestPorts.Closed()}", "--timeout", "1");
        Assert.Equal(1, r.Code);
        Assert.Contains("no Mentia gateway answered", r.Err);
    }

    [Fact]
    public void Report_names_both_readings_of_a_source_that_is_neither_a_file_nor_an_id()
    {
        var r = CliRunner.Run("report", "../../etc", "--out", RepoPaths.NewTempFolder("report-id"));
        Assert.Equal(2, r.Code);
        Assert.Contains("error: ID|RESULTS.json: '../../etc' is neither an existing results file nor a sweep id (as an id: '/' is not allowed); sweep ids are 1 to 100 characters", r.Err);
    }
}
