using System.Text.Json;
using Mentia.Core.Specs;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Core.Tests;

/// <summary>A spec written back in its own keys reads back to the same spec, every setting included.</summary>
public class SpecJsonTests
{
    // The record compared field by field through its serialised form (lists compare by reference otherwise).
    private static string Canonical(SweepSpec spec) => JsonSerializer.Serialize(spec);

    [Theory]
    [InlineData("quick.yaml")]
    [InlineData("study-lite.yaml")]
    [InlineData("paper.yaml")]
    public void Each_example_reads_back_to_the_same_spec(string name)
    {
        var spec = SpecReader.ReadFile(Path.Combine(RepoPaths.Root, "examples", name));
        var again = SpecReader.Parse(SpecJson.Write(spec).ToJsonString(), "written");
        Assert.Equal(Canonical(spec), Canonical(again));
    }

    [Fact]
    public void Settings_away_from_their_defaults_read_back()
    {
        var spec = SpecReader.Parse("""
            name: far
            seed: 7
            model: {widths: [3], depths: [2]}
            dropout: {p_t: {from: 0.1, to: 0.3, step: 0.1}, p_e: [0.05, 0.5]}
            N: [20]
            replicas: 1
            passes: 1
            training: {validationDropout: train, plateauFactor: 0.25}
            analysis: {fss: {ansatz: [bkt], n0: 3, contour: '+1', window: [0.1, 0.4]}}
            """);
        var again = SpecReader.Parse(SpecJson.Write(spec).ToJsonString(), "written");
        Assert.Equal(Canonical(spec), Canonical(again));
        Assert.Equal(ValidationDropout.Train, again.Training.ValidationDropout);
        Assert.Equal((0.1, 0.4), (again.Analysis.Fss.WindowLow, again.Analysis.Fss.WindowHigh));
        Assert.Equal(ContourLevel.PlusOne, again.Analysis.Fss.Contour);
    }
}
