using System.Text.Json;
using Mentia.Core.Data;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests;

/// <summary>The CLI's contract: exit codes 0/1/2, errors naming the field, JSON where output is data.</summary>
public class CliContractTests
{
    private static string Example(string name) => Path.Combine(RepoPaths.Root, "examples", name);

    [Theory]
    [InlineData("--bogus", "spec", "validate")]
    [InlineData("--thread", "run")] // a misspelt --threads must not run with the default
    [InlineData("--frobnicate", "status", "abc")]
    public void An_unknown_option_is_bad_input_naming_it_never_ignored(string option, params string[] command)
    {
        var args = command.ToList();
        if (command[0] is "spec" or "run")
        {
            args.Add(Example("quick.yaml"));
        }
        args.AddRange([option, "2"]);
        var r = CliRunner.Run([.. args]);
        Assert.Equal(2, r.Code);
        Assert.Contains($"Unknown option '{option.TrimStart('-')}'", r.Err);
    }

    [Fact]
    public void Validating_a_good_spec_exits_0_and_summarises_the_grid()
    {
        var r = CliRunner.Run("spec", "validate", Example("quick.yaml"));
        Assert.Equal(0, r.Code);
        Assert.Contains("valid", r.Out);
        Assert.Contains("80 replicas (training runs)", r.Out); // 5 p_t x 4 N x 4 replicas
    }

    [Fact]
    public void Validate_json_is_machine_readable()
    {
        var r = CliRunner.Run("spec", "validate", Example("quick.yaml"), "--json");
        Assert.Equal(0, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.True(doc.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(80, doc.RootElement.GetProperty("replicasTotal").GetInt32());
        Assert.Equal("quick", doc.RootElement.GetProperty("spec").GetProperty("name").GetString());
    }

    [Fact]
    public void A_bad_spec_exits_2_listing_every_field_without_a_stack_trace()
    {
        var file = Path.Combine(RepoPaths.NewTempFolder("spec"), "bad.yaml");
        File.WriteAllText(file, "name: x\nseed: 1\nmodel: {widths: [0], depths: [2]}\ndropout: {p_t: [0.1], p_e: [1.5]}\nN: [10]\nreplicas: 1\npasses: 1\n");
        var r = CliRunner.Run("spec", "validate", file);
        Assert.Equal(2, r.Code);
        Assert.Contains("model.widths[0]", r.Err);
        Assert.Contains("dropout.p_e[0]", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Theory]
    [InlineData("spec", "validate")]            // missing argument
    [InlineData("frobnicate")]                  // unknown command
    [InlineData("spec", "validate", "/nonexistent.yaml")]
    [InlineData("data", "fetch", "--from", "/nonexistent-folder")]
    public void Bad_input_exits_2_with_a_message(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.Code);
        Assert.StartsWith("error: ", r.Err);
    }

    [Theory]
    [InlineData("65534")] // queue and table need the next two ports
    [InlineData("80")]
    public void An_azurite_port_out_of_range_is_named_with_its_range_and_nothing_starts(string port)
    {
        var r = CliRunner.Run("azurite", "start", "--port", port, "--location", RepoPaths.NewTempFolder("azurite-port"));
        Assert.Equal(2, r.Code);
        Assert.Contains($"--port: {port} is out of range; allowed: [1024, 65533]", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void The_example_command_prints_a_spec_that_validates()
    {
        var r = CliRunner.Run("spec", "example");
        Assert.Equal(0, r.Code);
        var file = Path.Combine(RepoPaths.NewTempFolder("spec"), "example.yaml");
        File.WriteAllText(file, r.Out);
        Assert.Equal(0, CliRunner.Run("spec", "validate", file).Code);
    }

    [Fact]
    public void Data_fetch_from_a_folder_verifies_into_the_cache()
    {
        var cache = RepoPaths.NewTempFolder("cli-cache");
        var r = CliRunner.Run("data", "fetch", "--from", TestMnist.Folder, "--cache", cache, "--json");
        Assert.Equal(0, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(cache, doc.RootElement.GetProperty("cache").GetString());
        Assert.True(MnistStore.IsComplete(cache));
        Directory.Delete(cache, true);
    }

    [Fact]
    public void Help_is_available_everywhere()
    {
        foreach (var args in new[] { new[] { "--help" }, ["data", "--help"], ["data", "fetch", "--help"], ["spec", "validate", "--help"] })
        {
            var r = CliRunner.Run(args);
            Assert.Equal(0, r.Code);
            Assert.Contains("USAGE", r.Out);
        }
    }
}
