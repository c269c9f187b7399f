using System.Text;
using Mentia.Core.Specs;
using Xunit;

namespace Mentia.Core.Tests.Specs;

/// <summary>Syntax and encoding problems of a spec file: each one a plain sentence at the line and column to fix.</summary>
public class SpecSyntaxTests
{
    private const string Valid = """
        name: t
        seed: 1
        model: {widths: [10], depths: [2]}
        dropout:
          p_t: [0.0, 0.5]
          p_e: [0.0, 0.25, 0.5, 0.75]
        N: [100, 200, 400]
        replicas: 4
        passes: 3
        training:
          maxEpochs: 3
          earlyStopPatience: 2
          plateauPatience: 1
        """;

    private static SpecError Single(string text)
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Parse(text, "test.yaml"));
        return Assert.Single(e.Errors);
    }

    private static string Replace(string line, string with) => Valid.Replace(line, with, StringComparison.Ordinal);

    [Fact]
    public void The_base_spec_is_valid()
    {
        Assert.Equal(4, SpecReader.Parse(Valid).EvalRates.Count);
    }

    [Fact]
    public void A_tab_used_as_indentation_is_named_at_its_own_line_and_column()
    {
        // Line 13 of the spec; the parser alone names line 12 (the line before), or line 1 for a nested mapping.
        var e = Single(Replace("  plateauPatience: 1", "\tplateauPatience: 1"));
        Assert.Equal(("(syntax)", 13, 1), (e.Path, e.Line, e.Column));
        Assert.Contains("tab", e.Message);
        Assert.Contains("spaces", e.Message);
        var nested = Single(Replace("  p_t: [0.0, 0.5]", "\tp_t: [0.0, 0.5]"));
        Assert.Equal((5, 1), (nested.Line, nested.Column));
    }

    [Fact]
    public void An_unclosed_flow_list_is_named_where_it_opens_and_where_the_next_key_starts()
    {
        // YamlDotNet 18 throws InvalidOperationException here, with no position at all.
        var e = Single(Replace("  p_e: [0.0, 0.25, 0.5, 0.75]", "  p_e: [0.0, 0.5"));
        Assert.Equal(("(syntax)", 6, 8), (e.Path, e.Line, e.Column));
        Assert.Contains("'[' that starts this list is never closed", e.Message);
        Assert.Contains("line 7", e.Message);
    }

    [Theory]
    [InlineData("model: {widths: [10], depths: [2]}", "model: {widths: [10], depths: [2]", 3, 8, "'{' that starts this mapping is never closed")]
    [InlineData("model: {widths: [10], depths: [2]}", "model: {widths: [10], depths: [2]]", 3, 34, "does not match the '{' opened on line 3, column 8")]
    [InlineData("name: t", "name: \"t", 1, 7, "double quote (\") that starts here is never closed")]
    [InlineData("name: t", "name: 't", 1, 7, "single quote (') that starts here is never closed")]
    [InlineData("seed: 1", "seed: 1\nseed: 2", 3, 1, "the key 'seed' is given twice")]
    [InlineData("passes: 3", "passes 3", 9, 1, "expected 'key: value'")]
    [InlineData("passes: 3", "passes: 3: 4", 9, 10, "a ': ' where a plain value was expected")]
    [InlineData("seed: 1", "seed: *one", 2, 7, "anchor (&name) that is not defined")]
    public void Common_mistakes_are_named_at_their_place(string line, string with, int row, int column, string fragment)
    {
        var e = Single(Replace(line, with));
        Assert.Equal("(syntax)", e.Path);
        Assert.Contains(fragment, e.Message);
        Assert.Equal((row, column), (e.Line, e.Column));
    }

    [Fact]
    public void A_json_spec_cut_short_names_the_innermost_open_brace()
    {
        var e = Single("{\"name\": \"t\", \"seed\": 1,\n \"model\": {\"widths\": [10], \"depths\": [2]\n");
        Assert.Equal((2, 11), (e.Line, e.Column));
        Assert.Contains("never closed: the file ends first", e.Message);
    }

    [Fact]
    public void Tabs_inside_a_json_spec_are_whitespace_not_indentation()
    {
        var json = "{\n\t\"name\": \"t\",\n\t\"seed\": 1,\n\t\"model\": {\"widths\": [10], \"depths\": [2]},\n\t\"dropout\": {\"p_t\": [0.0], \"p_e\": [0.0, 0.5]},\n\t\"N\": [100, 200, 400],\n\t\"replicas\": 2,\n\t\"passes\": 3\n}\n";
        Assert.Equal("t", SpecReader.Parse(json).Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n")]
    public void An_empty_file_says_so(string text)
    {
        var e = Single(text);
        Assert.Equal("(file)", e.Path);
        Assert.Contains("empty", e.Message);
    }

    [Theory]
    [InlineData("- a\n- list\n", "got a list")]
    [InlineData("just text\n", "got 'just text'")]
    [InlineData("name: t\n---\nname: u\n", "2 YAML documents")]
    public void A_spec_that_is_not_one_mapping_says_what_it_is(string text, string fragment)
    {
        var e = Single(text);
        Assert.Equal("(root)", e.Path);
        Assert.Contains(fragment, e.Message);
    }

    [Theory]
    [InlineData("replicas: 4", "replicas: four", "replicas", "'four' is not an integer")]
    [InlineData("replicas: 4", "replicas: [4]", "replicas", "got a list")]
    [InlineData("replicas: 4", "replicas:", "replicas", "got nothing")]
    [InlineData("N: [100, 200, 400]", "N: {a: 1}", "N", "must be a list; got a mapping")]
    [InlineData("N: [100, 200, 400]", "N: 100", "N", "must be a list; got '100'")]
    [InlineData("model: {widths: [10], depths: [2]}", "model: [10, 2]", "model", "must be a mapping of keys to values; got a list")]
    [InlineData("  p_e: [0.0, 0.25, 0.5, 0.75]", "  p_e: [0.0, zero]", "dropout.p_e[1]", "'zero' is not a number")]
    public void A_value_of_the_wrong_type_names_the_field_and_what_it_got(string line, string with, string path, string fragment)
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Parse(Replace(line, with), "test.yaml"));
        var error = Assert.Single(e.Errors, x => x.Path == path);
        Assert.Contains(fragment, error.Message);
        Assert.NotNull(error.Line);
        Assert.NotNull(error.Column);
    }

    [Fact]
    public void Field_errors_carry_line_and_column()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Parse(Replace("replicas: 4", "replicas: 0"), "test.yaml"));
        var error = Assert.Single(e.Errors);
        Assert.Equal((8, 11), (error.Line, error.Column));
        Assert.Contains("replicas (line 8, column 11): 0 is out of range", e.Message);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted_from_a_file_and_from_text()
    {
        var file = Path.Combine(Path.GetTempPath(), $"mentia-bom-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Valid)]);
        try
        {
            Assert.Equal("t", SpecReader.ReadFile(file).Name);
        }
        finally
        {
            File.Delete(file);
        }
        Assert.Equal("t", SpecReader.Parse("\uFEFF" + Valid).Name);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'n', (byte)'a', (byte)'m', (byte)'e', (byte)':', (byte)' ', (byte)'x', 0xE9, (byte)'\n' }, 1, 8, "0xE9 is not UTF-8")]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)' ', (byte)'1', (byte)'\n', (byte)'b', (byte)':', (byte)' ', 0xC3, (byte)'(' }, 2, 4, "0xC3")]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'n', 0 }, 1, 1, "UTF-16")]
    [InlineData(new byte[] { (byte)'n', 0, (byte)'a', 0 }, 1, 2, "NUL byte")]
    public void Bytes_that_are_not_utf8_are_an_encoding_error_at_their_place(byte[] bytes, int line, int column, string fragment)
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecDecoder.Decode(bytes, "test.yaml"));
        var error = Assert.Single(e.Errors);
        Assert.Equal(("(encoding)", line, column), (error.Path, error.Line, error.Column));
        Assert.Contains(fragment, error.Message);
        Assert.Contains("save it as UTF-8", error.Message);
    }
}
