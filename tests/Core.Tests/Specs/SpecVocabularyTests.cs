using Mentia.Core.Specs;
using Xunit;

namespace Mentia.Core.Tests.Specs;

/// <summary>
/// The spec speaks the one vocabulary (dropout.p_t, dropout.p_e, N); a schema-1 spec (dropout.train,
/// dropout.eval, sizes) still reads to the same sweep, with a warning per old key, so a stored sweep resumes.
/// </summary>
public class SpecVocabularyTests
{
    private const string Current = """
        name: t
        seed: 7
        model: {widths: [10], depths: [2]}
        dropout: {p_t: [0.0, 0.5], p_e: [0.0, 0.25, 0.5, 0.75]}
        N: [100, 200, 400]
        replicas: 4
        passes: 3
        """;

    private static string Old => Current.Replace("p_t:", "train:").Replace("p_e:", "eval:").Replace("N:", "sizes:");

    [Fact]
    public void A_schema_1_spec_reads_to_the_same_sweep_and_names_each_old_key()
    {
        var now = SpecReader.Parse(Current);
        var old = SpecReader.Parse(Old);
        Assert.Equal(now.TrainRates, old.TrainRates);
        Assert.Equal(now.EvalRates, old.EvalRates);
        Assert.Equal(now.Sizes, old.Sizes);
        Assert.Empty(SpecWarnings.For(now));
        var warnings = SpecWarnings.For(old);
        Assert.Equal(["dropout.eval", "dropout.train", "sizes"], warnings.Select(w => w.Field).Order(StringComparer.Ordinal));
        Assert.Contains(warnings, w => w.Field == "dropout.train" && w.Message.Contains("'dropout.p_t'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Field == "sizes" && w.Message.Contains("'N'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("N: [100, 200, 400]\nsizes: [100]")]
    [InlineData("sizes: [100]\nN: [100, 200, 400]")]
    public void An_old_and_a_new_name_of_one_key_are_refused_as_given_twice_in_either_order(string both)
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Parse(Current.Replace("N: [100, 200, 400]", both)));
        var error = Assert.Single(e.Errors);
        Assert.Equal("N", error.Path);
        Assert.Contains("'sizes' is the old name of 'N'", error.Message);
        Assert.Equal(6, error.Line); // the second of the two
    }

    [Fact]
    public void One_name_given_twice_stays_plain_given_twice()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Parse(Current.Replace("N: [100, 200, 400]", "N: [100, 200, 400]\nN: [100]")));
        var message = Assert.Single(e.Errors).Message;
        Assert.Contains("given twice", message);
        Assert.DoesNotContain("old name", message);
    }

    [Fact]
    public void What_validate_prints_uses_only_the_current_names()
    {
        var json = SpecJson.Write(SpecReader.Parse(Old)).ToJsonString();
        Assert.Contains("\"p_t\":", json);
        Assert.Contains("\"p_e\":", json);
        Assert.Contains("\"N\":", json);
        Assert.DoesNotContain("\"train\"", json);
        Assert.DoesNotContain("\"sizes\"", json);
    }

    [Theory]
    [InlineData("dropout.train", "dropout.p_t")]
    [InlineData("dropout.eval", "dropout.p_e")]
    [InlineData("sizes", "N")]
    [InlineData("replicas", "replicas")]
    public void Old_paths_map_to_current_ones(string old, string current) => Assert.Equal(current, SpecVocabulary.CurrentName(old));
}
