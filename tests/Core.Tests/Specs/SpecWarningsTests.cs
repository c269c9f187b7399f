using Mentia.Core.Specs;
using Xunit;

namespace Mentia.Core.Tests.Specs;

/// <summary>Valid specs that cannot deliver every part of the analysis say which part, and why.</summary>
public class SpecWarningsTests
{
    private static SweepSpec Spec(string sizes = "[100, 200, 400]", int replicas = 4, string eval = "[0.0, 0.25, 0.5, 0.75]") => SpecReader.Parse($"""
        name: t
        seed: 1
        model: {"{"}widths: [10], depths: [2]{"}"}
        dropout: {"{"}p_t: [0.0], p_e: {eval}{"}"}
        N: {sizes}
        replicas: {replicas}
        passes: 3
        """);

    [Fact]
    public void A_spec_that_can_deliver_everything_has_no_warnings()
    {
        Assert.Empty(SpecWarnings.For(Spec()));
    }

    [Fact]
    public void One_replica_warns_that_nothing_can_be_fitted()
    {
        var w = Assert.Single(SpecWarnings.For(Spec(replicas: 1)));
        Assert.Equal("replicas", w.Field);
        Assert.Contains("no cell will have one", w.Message);
        Assert.Contains("no phases", w.Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Fewer_than_four_replicas_warn_of_the_few_runs_flag(int replicas)
    {
        var w = Assert.Single(SpecWarnings.For(Spec(replicas: replicas)));
        Assert.Equal("replicas", w.Field);
        Assert.Contains("few-runs", w.Message);
    }

    [Theory]
    [InlineData("[100]", "1 size(s)")]
    [InlineData("[100, 400]", "2 size(s)")]
    public void Fewer_than_three_sizes_warn_that_there_is_no_alpha(string sizes, string count)
    {
        var w = Assert.Single(SpecWarnings.For(Spec(sizes: sizes)));
        Assert.Equal("N", w.Field);
        Assert.Contains(count, w.Message);
        Assert.Contains("no alpha, no phases", w.Message);
        Assert.Contains("no transitions", w.Message);
    }

    [Fact]
    public void Fewer_than_four_eval_rates_warn_that_no_transition_can_be_found()
    {
        var w = Assert.Single(SpecWarnings.For(Spec(eval: "[0.0, 0.5, 0.9]")));
        Assert.Equal("dropout.p_e", w.Field);
        Assert.Contains("no transition", w.Message);
    }

    [Fact]
    public void Every_thin_axis_gets_its_own_warning()
    {
        Assert.Equal(["replicas", "N", "dropout.p_e"], SpecWarnings.For(Spec("[100, 200]", 1, "[0.0, 0.5]")).Select(w => w.Field));
    }
}
