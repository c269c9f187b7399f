using Mentia.Core.Records;
using Mentia.Core.Sweeps;
using Mentia.TestSupport;
using TorchSharp;
using Xunit;

namespace Mentia.Training.Tests;

public class EvaluatorTests
{
    private static ModelWeights RandomModel(int width, int depth, ulong seed)
    {
        var arch = new Architecture(width, depth);
        using var model = new Fcnn(arch, seed, torch.CPU);
        return new ModelWeights { Architecture = arch, TrainRate = 0, Size = 1, Replica = 0, Seed = seed, Epochs = 0, BestValidationLoss = double.NaN, Tensors = model.ExportTensors() };
    }

    [Theory]
    [InlineData(64, 3)]
    [InlineData(33, 1)]
    public void Fast_path_matches_the_naive_path_pass_for_pass(int width, int depth)
    {
        var data = TestMnist.Load();
        var w = RandomModel(width, depth, 5);
        double[] rates = [0.0, 0.3, 0.7];
        var fast = DropoutEvaluator.Evaluate(w, data.Test, rates, 3, 777, TestRuns.Cpu, TestContext.Current.CancellationToken);
        var naive = DropoutEvaluator.Naive(w, data.Test, rates, 3, 777, torch.CPU, TestContext.Current.CancellationToken);
        for (int i = 0; i < rates.Length; i++)
        {
            Assert.Equal(rates[i], fast.Rates[i].EvalRate);
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(naive.Rates[i].Losses[k], fast.Rates[i].Losses[k], 1e-5);
                Assert.Equal(naive.Rates[i].Accuracies[k], fast.Rates[i].Accuracies[k], 1e-5);
            }
        }
        // Different passes draw different masks; p_e = 0 passes are all the same.
        Assert.NotEqual(fast.Rates[1].Losses[0], fast.Rates[1].Losses[1]);
        Assert.Equal(fast.Rates[0].Losses[0], fast.Rates[0].Losses[2]);
    }

    [Fact]
    public void A_chunk_of_rates_evaluated_alone_gives_identical_numbers()
    {
        var data = TestMnist.Load();
        var w = RandomModel(40, 2, 8);
        var all = DropoutEvaluator.Evaluate(w, data.Test, [0.1, 0.2, 0.4], 2, 31, TestRuns.Cpu, TestContext.Current.CancellationToken);
        var chunk = DropoutEvaluator.Evaluate(w, data.Test, [0.4], 2, 31, new EngineOptions("cpu", 1), TestContext.Current.CancellationToken);
        Assert.Equal(all.Rates[2].Losses, chunk.Rates[0].Losses);
        Assert.Equal(all.Rates[2].Accuracies, chunk.Rates[0].Accuracies);
    }
}
