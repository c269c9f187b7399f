using System.Text.Json;
using System.Text.RegularExpressions;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests.Commands;

/// <summary>
/// `mentia spec validate` on broken specs: exit 0 or 2 and never anything else, never an exception's name or a
/// stack trace, and every syntax or encoding error placed at a line and column.
/// </summary>
public partial class SpecValidateCorpusTests
{
    [Fact]
    public void Every_broken_variant_of_every_shipped_spec_exits_0_or_2_with_a_plain_message()
    {
        var specs = BrokenSpecCorpus.ShippedSpecs();
        Assert.True(specs.Count >= 3, $"expected the shipped specs (examples, docs/data, fixtures); found {string.Join(", ", specs)}");
        var folder = RepoPaths.NewTempFolder("spec-corpus");
        var cases = specs.SelectMany(BrokenSpecCorpus.For).ToArray();
        var results = new (string? Problem, int Code, int Placed)[cases.Length];
        // In-process runs share nothing but the code, so the cases run on every core (a few seconds, not ten).
        Parallel.For(0, cases.Length, i =>
        {
            var file = Path.Combine(folder, $"case{i}.yaml");
            File.WriteAllBytes(file, cases[i].Bytes);
            var r = CliRunner.Run("spec", "validate", file);
            var output = r.Out + r.Err;
            string? problem = r.Code is not (0 or 2) ? $"exit {r.Code}"
                : Leak().Match(output) is { Success: true } m ? $"output names '{m.Value.Trim()}'"
                : r.Code == 2 && !r.Err.StartsWith("error: ", StringComparison.Ordinal) ? "exit 2 without an 'error: ' line"
                : Unplaced().Match(r.Err) is { Success: true } u ? $"'{u.Value}' without line and column"
                : null;
            results[i] = (problem is null ? null : $"{cases[i].Name}: {problem}\n{output}", r.Code, Placed().Count(r.Err));
        });
        var failures = results.Where(x => x.Problem is not null).Select(x => x.Problem!).ToArray();
        var codes = results.GroupBy(x => x.Code).ToDictionary(g => g.Key, g => g.Count());
        var placed = results.Sum(x => x.Placed);
        var index = cases.Length;
        Directory.Delete(folder, true);
        Assert.True(failures.Length == 0, $"{failures.Length} of {index} broken specs:\n" + string.Join("\n", failures.Take(10)));
        // The corpus must exercise both outcomes and the syntax path, or it tests nothing.
        Assert.True(index > 300, $"only {index} cases");
        Assert.True(codes.GetValueOrDefault(0) > 10 && codes.GetValueOrDefault(2) > 200, $"exit codes: {string.Join(", ", codes.Select(kv => $"{kv.Key}: {kv.Value}"))}");
        Assert.True(placed > 100, $"only {placed} syntax errors with line and column");
    }

    [Fact]
    public void A_tab_used_as_indentation_on_line_13_is_reported_at_line_13()
    {
        var file = Write("""
            name: tab
            seed: 1
            model: {widths: [10], depths: [2]}
            dropout:
              p_t: [0.0]
              p_e: [0.0, 0.25, 0.5, 0.75]
            N: [100, 200, 400]
            replicas: 4
            passes: 3
            training:
              maxEpochs: 3
              earlyStopPatience: 2
            	plateauPatience: 1
            """);
        var r = CliRunner.Run("spec", "validate", file);
        Assert.Equal(2, r.Code);
        Assert.Contains("(syntax) (line 13, column 1): a tab is used for indentation", r.Err);
    }

    [Fact]
    public void An_unclosed_flow_list_followed_by_more_keys_is_reported_where_it_opens()
    {
        var file = Write("""
            name: unclosed
            seed: 1
            model: {widths: [10], depths: [2]}
            dropout:
              p_t: [0.0]
              p_e: [0.0, 0.5
            N: [100, 200, 400]
            replicas: 4
            passes: 3
            """);
        var r = CliRunner.Run("spec", "validate", file);
        Assert.Equal(2, r.Code);
        Assert.Contains("(syntax) (line 6, column 8): the '[' that starts this list is never closed: line 7 starts the next entry", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
    }

    [Fact]
    public void A_thin_spec_is_valid_with_warnings_on_stderr_and_exit_0()
    {
        var file = Write(Thin);
        var r = CliRunner.Run("spec", "validate", file);
        Assert.Equal(0, r.Code);
        Assert.Contains("valid", r.Out);
        Assert.DoesNotContain("warning", r.Out);
        var warnings = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, warnings.Length);
        Assert.StartsWith("warning: replicas: 1 training run", warnings[0]);
        Assert.StartsWith("warning: N: 2 size(s) N", warnings[1]);
        Assert.StartsWith("warning: dropout.p_e: 3 p_e", warnings[2]);
    }

    [Fact]
    public void Validate_json_lists_the_warnings_with_field_and_message()
    {
        var r = CliRunner.Run("spec", "validate", Write(Thin), "--json");
        Assert.Equal(0, r.Code);
        Assert.Equal("", r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var warnings = doc.RootElement.GetProperty("warnings").EnumerateArray().ToArray();
        Assert.Equal(["replicas", "N", "dropout.p_e"], warnings.Select(w => w.GetProperty("field").GetString()));
        Assert.All(warnings, w => Assert.False(string.IsNullOrWhiteSpace(w.GetProperty("message").GetString())));
        var quick = CliRunner.Run("spec", "validate", Path.Combine(RepoPaths.Root, "examples", "quick.yaml"), "--json");
        using var none = JsonDocument.Parse(quick.Out);
        Assert.Equal(0, none.RootElement.GetProperty("warnings").GetArrayLength());
    }

    private const string Thin = """
        name: thin
        seed: 1
        model: {widths: [10], depths: [1]}
        dropout: {p_t: [0.0], p_e: [0.0, 0.3, 0.6]}
        N: [200, 400]
        replicas: 1
        passes: 2
        """;

    private static string Write(string text)
    {
        var file = Path.Combine(RepoPaths.NewTempFolder("spec"), "spec.yaml");
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>What must never reach a user: an exception's type name or a stack frame.</summary>
    [GeneratedRegex(@"\w*Exception\b|at Mentia\.|   at |\bat \w+\.\w+")]
    private static partial Regex Leak();

    /// <summary>A syntax or encoding error, placed: "(syntax) (line 6, column 8)".</summary>
    [GeneratedRegex(@"\((syntax|encoding)\) \(line \d+, column \d+\)")]
    private static partial Regex Placed();

    /// <summary>A syntax or encoding error without its place.</summary>
    [GeneratedRegex(@"\((syntax|encoding)\)(?! \(line \d+, column \d+\))")]
    private static partial Regex Unplaced();
}
