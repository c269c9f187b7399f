using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using TorchSharp;
using Xunit;

namespace Mentia.Training.Tests;

/// <summary>The cost model supervision's deadlines come from counts the real network's parameters, and scales as the FLOP counts say.</summary>
public class WorkCostTests
{
    [Theory]
    [InlineData(24, 1)]
    [InlineData(64, 2)]
    [InlineData(100, 3)]
    public void Parameters_are_those_of_the_network_that_is_trained(int width, int depth)
    {
        var architecture = new Architecture(width, depth);
        using var model = new Fcnn(architecture, 1, torch.CPU);
        Assert.Equal(model.parameters().Sum(p => p.numel()), WorkCost.Parameters(architecture));
    }

    [Fact]
    public void Training_cost_is_six_flops_per_weight_per_sample_epoch_plus_validation()
    {
        var run = new TrainingRun(new Architecture(24, 1), 0.5, 1000, 0, 1);
        var settings = new TrainingSettings { MaxEpochs = 4, ValidationSize = 500 };
        var p = (double)WorkCost.Parameters(run.Architecture);
        Assert.Equal(4 * (6 * p * 1000 + 2 * p * 500), WorkCost.Training(run, settings));
        Assert.Equal(2 * WorkCost.Training(run, settings), WorkCost.Training(run, settings with { MaxEpochs = 8 }));
        Assert.Equal(2 * p * 10_000 * 3 * 5, WorkCost.Evaluation(run.Architecture, rates: 3, passes: 5));
    }

    [Fact]
    public void Evaluation_as_computed_pays_the_cached_first_layer_once_and_the_rest_per_pass()
    {
        var a = new Architecture(100, 2);
        double first = 784 * 100 + 100, rest = WorkCost.Parameters(a) - first; // 78,500 and 10,100 + 1,010
        Assert.Equal(11_110, rest);
        Assert.Equal(2 * 10_000 * (first + 10 * 5 * rest), WorkCost.EvaluationAsComputed(a, rates: 10, passes: 5));
        Assert.True(WorkCost.EvaluationAsComputed(a, 10, 5) < WorkCost.Evaluation(a, 10, 5)); // the upper bound stays one
    }
}
