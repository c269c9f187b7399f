using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests;

/// <summary>`--json` means JSON on stdout and nothing else, errors included: {"error": {code, kind, message, field, ...}}.</summary>
[Collection(ClusterEnvironmentTests.Collection)]
public class JsonContractTests
{
    private static string Example(string name) => Path.Combine(RepoPaths.Root, "examples", name);

    /// <summary>Stdout is exactly one JSON object holding only "error"; returns that error.</summary>
    private static JsonElement ErrorOnStdout(CliRunner.Result r, int code)
    {
        Assert.Equal(code, r.Code);
        Assert.Single(r.Out.Trim().Split('\n')); // one line: it can end a stream of JSON lines too
        using var doc = JsonDocument.Parse(r.Out); // throws on anything around the object
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(["error"], root.EnumerateObject().Select(p => p.Name));
        var error = root.GetProperty("error").Clone();
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.StartsWith("error: ", r.Err); // the human line stays on stderr
        return error;
    }

    [Fact]
    public void A_bad_spec_with_json_prints_the_error_object_with_every_problem()
    {
        var file = Path.Combine(RepoPaths.NewTempFolder("json-spec"), "bad.yaml");
        File.WriteAllText(file, "name: x\nseed: 1\nmodel: {widths: [0], depths: [2]}\ndropout: {p_t: [0.1], p_e: [1.5]}\nN: [10]\nreplicas: 1\npasses: 1\n");
        var error = ErrorOnStdout(CliRunner.Run("spec", "validate", file, "--json"), 2);
        Assert.Equal("invalid-spec", error.GetProperty("kind").GetString());
        Assert.Equal(file, error.GetProperty("file").GetString());
        var problems = error.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("field").GetString() == "model.widths[0]" && p.GetProperty("line").GetInt32() == 3);
        Assert.Contains(problems, p => p.GetProperty("field").GetString() == "dropout.p_e[0]" && p.GetProperty("line").GetInt32() == 4
            && p.GetProperty("column").GetInt32() == 29); // the 1.5 of "dropout: {p_t: [0.1], p_e: [1.5]}"
    }

    [Fact]
    public void Results_json_with_format_csv_is_a_conflict_naming_both_options()
    {
        var error = ErrorOnStdout(CliRunner.Run("results", "some-sweep", "--json", "--format", "csv"), 2);
        Assert.Equal("--format", error.GetProperty("field").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("--format", message);
        Assert.Contains("--json", message);
    }

    [Fact]
    public void An_unreachable_cluster_with_json_is_a_code_1_error_object()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        foreach (var args in new[] { new[] { "list" }, ["status", "s"], ["boundary", "s"], ["watch", "s"], ["submit", Example("quick.yaml")] })
        {
            var r = CliRunner.Run([.. args, "--json", "--gateway", $"127.0.0.1:{port}", "--timeout", "1"]);
            var error = ErrorOnStdout(r, 1);
            Assert.Equal("cluster-unavailable", error.GetProperty("kind").GetString());
            Assert.Contains($"127.0.0.1:{port}", error.GetProperty("message").GetString());
        }
    }

    [Theory]
    [InlineData("list", "--json", "--timeout", "0")]             // validation
    [InlineData("status", "--json")]                             // missing argument
    [InlineData("fss", "/nonexistent.csv", "--json")]            // a file that is not there
    [InlineData("analyze", "/nonexistent.csv", "--json")]
    [InlineData("data", "fetch", "--from", "/nonexistent-folder", "--json")]
    [InlineData("boundary", "s", "--json", "--pt", "abc")]        // not a number
    public void Bad_input_with_json_is_a_code_2_error_object(params string[] args)
    {
        var error = ErrorOnStdout(CliRunner.Run(args), 2);
        Assert.DoesNotContain("   at ", error.GetProperty("message").GetString());
    }

    [Fact]
    public void The_field_is_named_when_the_error_has_one()
    {
        Assert.Equal("--timeout", ErrorOnStdout(CliRunner.Run("list", "--json", "--timeout", "0"), 2).GetProperty("field").GetString());
        Assert.Equal("ID", ErrorOnStdout(CliRunner.Run("status", "--json"), 2).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("quick.yaml")]
    [InlineData("study-lite.yaml")]
    [InlineData("paper.yaml")]
    public void The_spec_that_validate_json_prints_validates_again_to_the_same_grid(string example)
    {
        var first = CliRunner.Run("spec", "validate", Example(example), "--json");
        Assert.Equal(0, first.Code);
        AssertRoundTrip(first.Out);
    }

    [Fact]
    public void Every_setting_survives_the_round_trip()
    {
        // Ranges, a window, the +1 contour, one ansatz, validation with dropout: none of them at its default.
        var file = Path.Combine(RepoPaths.NewTempFolder("json-roundtrip"), "all.yaml");
        File.WriteAllText(file, """
            name: all-set
            seed: 18446744073709551615
            model: {widths: [8, 16], depths: [1, 3]}
            dropout: {p_t: {from: 0.05, to: 0.35, step: 0.1}, p_e: {from: 0, to: 0.9, step: 0.15}}
            N: [100, 300]
            replicas: 2
            passes: 3
            training: {learningRate: 0.003, batchSize: 32, maxEpochs: 7, earlyStopPatience: 2, plateauPatience: 1, plateauFactor: 0.3, validationSize: 2000, validationDropout: train}
            analysis: {bootstrapResamples: 50, thresholdSigma: 2.5, chanceTolerance: 0.1, fss: {ansatz: [algebraic], n0: 2.5, contour: '+1', window: [0.15, 0.75]}}
            """);
        var first = CliRunner.Run("spec", "validate", file, "--json");
        Assert.Equal(0, first.Code);
        var spec = AssertRoundTrip(first.Out);
        Assert.Equal("+1", spec.GetProperty("analysis").GetProperty("fss").GetProperty("contour").GetString());
        Assert.Equal([0.15, 0.75], spec.GetProperty("analysis").GetProperty("fss").GetProperty("window").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal("train", spec.GetProperty("training").GetProperty("validationDropout").GetString());
        Assert.Equal(18446744073709551615UL, spec.GetProperty("seed").GetUInt64());
    }

    /// <summary>Feeds `.spec` of a `spec validate --json` output back to it; the whole output must come back unchanged. Returns the spec.</summary>
    private static JsonElement AssertRoundTrip(string output)
    {
        using var doc = JsonDocument.Parse(output);
        var spec = doc.RootElement.GetProperty("spec");
        var file = Path.Combine(RepoPaths.NewTempFolder("json-roundtrip"), "spec.json");
        File.WriteAllText(file, spec.GetRawText());
        var again = CliRunner.Run("spec", "validate", file, "--json");
        Assert.True(again.Code == 0, again.Err);
        Assert.Equal(output, again.Out);
        return spec.Clone();
    }
}
