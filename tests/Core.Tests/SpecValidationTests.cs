using Mentia.Core.Specs;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Core.Tests;

public class SpecValidationTests
{
    private const string Valid = """
        name: t
        seed: 1
        model: {widths: [10], depths: [2]}
        dropout: {p_t: [0.0, 0.5], p_e: {from: 0.0, to: 0.5, step: 0.25}}
        N: [100, 200, 400]
        replicas: 2
        passes: 3
        """;

    private static SpecValidationException Fails(string yaml) =>
        Assert.Throws<SpecValidationException>(() => SpecReader.Parse(yaml, "test.yaml"));

    private static string With(string key, string value) =>
        string.Join('\n', Valid.Split('\n').Select(l => l.StartsWith(key + ":") ? $"{key}: {value}" : l));

    [Theory]
    // `to` is included exactly when it is on the grid (to 9 decimals); never a rate above it, never 1.
    [InlineData("{from: 0.0, to: 0.9, step: 0.1}", 10, 0.9)]
    [InlineData("{from: 0.0, to: 0.8999999999, step: 0.1}", 9, 0.8)]
    [InlineData("{from: 0.5, to: 0.9999999996, step: 0.5}", 1, 0.5)]
    [InlineData("{from: 0.3, to: 0.95, step: 0.025}", 27, 0.95)]
    [InlineData("{from: 0.0, to: 0.95, step: 0.05}", 20, 0.95)]
    public void A_range_never_goes_above_to_or_reaches_one(string range, int count, double last)
    {
        var spec = SpecReader.Parse(With("dropout", $"{{p_t: [0.0], p_e: {range}}}"));
        Assert.Equal(count, spec.EvalRates.Count);
        Assert.Equal(last, spec.EvalRates[^1]);
        Assert.All(spec.EvalRates, p => Assert.InRange(p, 0.0, 0.9999999999));
    }

    [Fact]
    public void The_valid_spec_parses_with_defaults_filled_in()
    {
        var spec = SpecReader.Parse(Valid);
        Assert.Equal("t", spec.Name);
        Assert.Equal([0.0, 0.25, 0.5], spec.EvalRates);
        Assert.Equal(64, spec.Training.BatchSize);
        Assert.Equal(ValidationDropout.Off, spec.Training.ValidationDropout);
        Assert.Equal(ContourLevel.Default, spec.Analysis.Fss.Contour);
    }

    [Theory]
    // Each bad spec names the field path the user must fix.
    [InlineData("replicas", "0", "replicas", "[1, 100000]")]
    [InlineData("passes", "two", "passes", "not an integer")]
    [InlineData("seed", "-3", "seed", "not an integer")]
    [InlineData("name", "'has space'", "name", "not allowed")]
    [InlineData("N", "[0, 10]", "N[0]", "[1, 60000]")]
    [InlineData("N", "[55000]", "N[0]", "N <= 50000")]
    [InlineData("N", "[]", "N", "must not be empty")]
    [InlineData("N", "[100, 100]", "N", "more than once")]
    [InlineData("model", "{widths: [10, 0], depths: [2]}", "model.widths[1]", "[1, 4096]")]
    [InlineData("model", "{widths: [10], depths: [40]}", "model.depths[0]", "[1, 32]")]
    [InlineData("model", "{widths: [10]}", "model.depths", "required")]
    [InlineData("model", "{widths: [10], depths: [2], heights: [1]}", "model.heights", "unknown key")]
    [InlineData("dropout", "{p_t: [1.0], p_e: [0.1]}", "dropout.p_t[0]", "[0, 1)")]
    [InlineData("dropout", "{p_t: [0.1], p_e: [-0.1]}", "dropout.p_e[0]", "[0, 1)")]
    [InlineData("dropout", "{p_t: [0.1], p_e: {from: 0.6, to: 0.2, step: 0.1}}", "dropout.p_e", "empty range")]
    [InlineData("dropout", "{p_t: [0.1], p_e: {from: 0.0, to: 0.9, step: 0}}", "dropout.p_e.step", "(0, 1)")]
    [InlineData("dropout", "{p_t: [0.1], p_e: {from: 0.0, to: 0.9, step: 0.0001}}", "dropout.p_e", "at most 1000")]
    [InlineData("dropout", "{p_t: 0.1, p_e: [0.1]}", "dropout.p_t", "must be a list")]
    // Rates closer than the 1e-6 the seeds resolve would be one experiment counted twice.
    [InlineData("dropout", "{p_t: [0.1], p_e: [0.3, 0.30000000000000004]}", "dropout.p_e", "0.3 and 0.30000000000000004")]
    [InlineData("dropout", "{p_t: [0.2, 0.2000004], p_e: [0.1]}", "dropout.p_t", "round(p * 1e6) = 200000")]
    [InlineData("dropout", "{p_t: [0.1], p_e: {from: 0.9999999996, to: 0.9999999998, step: 0.1}}", "dropout.p_e", "holds no rate")]
    public void A_bad_field_is_reported_with_its_path(string key, string value, string path, string fragment)
    {
        var e = Fails(With(key, value));
        var error = Assert.Single(e.Errors, x => x.Path == path);
        Assert.Contains(fragment, error.Message);
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData("training: {batchSize: 0}", "training.batchSize")]
    [InlineData("training: {learningRate: 0}", "training.learningRate")]
    [InlineData("training: {plateauFactor: 1.0}", "training.plateauFactor")]
    [InlineData("training: {validationDropout: sometimes}", "training.validationDropout")]
    [InlineData("training: {maxEpoch: 3}", "training.maxEpoch")]
    [InlineData("training: {validationSize: 59990}", "N[1]")]
    [InlineData("analysis: {bootstrapResamples: 5}", "analysis.bootstrapResamples")]
    [InlineData("analysis: {fss: {contour: 0.5x}}", "analysis.fss.contour")]
    [InlineData("analysis: {fss: {window: [0.8, 0.2]}}", "analysis.fss.window")]
    [InlineData("analysis: {fss: {ansatz: [bkt, ising]}}", "analysis.fss.ansatz[1]")]
    public void A_bad_setting_is_reported_with_its_path(string extra, string path)
    {
        var e = Fails(Valid + "\n" + extra);
        Assert.Contains(e.Errors, x => x.Path == path);
    }

    [Fact]
    public void All_problems_are_reported_at_once_with_line_numbers()
    {
        var e = Fails("""
            name: x
            seed: 1
            model: {widths: [0], depths: [0]}
            dropout: {p_t: [2], p_e: [0.1]}
            N: [10]
            replicas: -1
            passes: 1
            colour: blue
            """);
        Assert.Equal(["colour", "dropout.p_t[0]", "model.depths[0]", "model.widths[0]", "replicas"], e.Errors.Select(x => x.Path).Order().ToArray());
        Assert.Equal(6, e.Errors.Single(x => x.Path == "replicas").Line);
    }

    [Fact]
    public void Missing_required_fields_are_all_named()
    {
        var e = Fails("name: x");
        Assert.Equal(["N", "dropout", "model", "passes", "replicas", "seed"], e.Errors.Select(x => x.Path).Order().ToArray());
    }

    [Fact]
    public void Syntax_errors_and_non_mappings_are_reported()
    {
        Assert.Equal("(syntax)", Fails("name: [unclosed").Errors[0].Path);
        Assert.Equal("(root)", Fails("- just\n- a list").Errors[0].Path);
    }

    [Fact]
    public void Json_specs_read_the_same_as_yaml()
    {
        var json = """
            {"name": "t", "seed": 1, "model": {"widths": [10], "depths": [2]},
             "dropout": {"p_t": [0.0, 0.5], "p_e": {"from": 0.0, "to": 0.5, "step": 0.25}},
             "N": [100, 200, 400], "replicas": 2, "passes": 3}
            """;
        var fromJson = SpecReader.Parse(json);
        var fromYaml = SpecReader.Parse(Valid);
        Assert.Equal(fromYaml.EvalRates, fromJson.EvalRates);
        Assert.Equal(fromYaml.Sizes, fromJson.Sizes);
        Assert.Equal(fromYaml.Seed, fromJson.Seed);
    }

    [Fact]
    public void Ranges_land_on_round_values_and_lists_are_sorted()
    {
        var spec = SpecReader.Parse(With("dropout", "{p_t: [0.5, 0.0], p_e: {from: 0.0, to: 0.9, step: 0.1}}"));
        Assert.Equal([0.0, 0.5], spec.TrainRates);
        Assert.Equal(10, spec.EvalRates.Count);
        Assert.Equal(0.3, spec.EvalRates[3]);
        Assert.Equal(0.9, spec.EvalRates[^1]);
    }

    [Theory]
    [InlineData("examples/quick.yaml")]
    [InlineData("examples/paper.yaml")]
    public void Shipped_examples_are_valid(string path)
    {
        var spec = SpecReader.ReadFile(Path.Combine(RepoPaths.Root, path));
        Assert.True(spec.Sizes.Count >= 3, "alpha needs at least three sizes");
    }

    [Fact]
    public void The_printed_example_is_valid()
    {
        var spec = SpecReader.Parse(SpecExample.Yaml);
        Assert.Equal("my-sweep", spec.Name);
    }

    [Fact]
    public void A_missing_file_is_a_validation_error()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.ReadFile("/no/such/spec.yaml"));
        Assert.Contains("does not exist", e.Message);
    }
}
