using Mentia.Core.Specs;
using Mentia.TestSupport;
using TorchSharp;
using Xunit;

namespace Mentia.Training.Tests;

public class TrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void Width100_depth2_on_5000_images_learns_MNIST_and_loses_with_evaluation_dropout()
    {
        var data = TestMnist.Load();
        var job = TestRuns.Run(100, 2, 0.0, 5000, 0);
        var settings = new TrainingSettings { MaxEpochs = 30, EarlyStopPatience = 5, PlateauPatience = 2 };
        var model = SingleRunTrainer.Train(job, settings, data, TestRuns.Cpu, TestContext.Current.CancellationToken);
        var o = model.Outcome;
        output.WriteLine($"epochs {o.EpochsRun} best {o.BestEpoch} ({o.StopReason}) val {o.BestValidationLoss:F4} in {o.WallTime.TotalSeconds:F1}s");
        Assert.Equal(ValidationDropout.Off, o.ValidationDropout);
        Assert.Equal(KeptWeights.BestValidationEpoch, o.KeptWeights);
        Assert.Equal(o.EpochsRun, o.Curve.Count);
        Assert.Equal(o.Curve.Min(c => c.ValidationLoss), o.BestValidationLoss);

        double[] rates = [0.0, 0.2, 0.4, 0.6, 0.8];
        var eval = DropoutEvaluator.Evaluate(model.Weights, data.Test, rates, 3, job.Seed, TestRuns.Cpu, TestContext.Current.CancellationToken);
        var loss = eval.Rates.Select(r => r.Losses.Average()).ToArray();
        var acc = eval.Rates.Select(r => r.Accuracies.Average()).ToArray();
        output.WriteLine(string.Join("; ", rates.Select((p, i) => $"p_e {p}: L {loss[i]:F4} A {acc[i]:F4}")));
        Assert.True(acc[0] > 0.92, $"test accuracy {acc[0]} at p_e = 0");
        for (int i = 1; i < rates.Length; i++)
        {
            Assert.True(loss[i] > loss[i - 1], $"loss at p_e {rates[i]} ({loss[i]}) not above p_e {rates[i - 1]} ({loss[i - 1]})");
        }
    }

    [Fact]
    public void The_same_job_twice_gives_the_same_bits_and_kept_weights_reproduce_the_best_validation_loss()
    {
        var data = TestMnist.Load();
        var job = TestRuns.Run(32, 2, 0.3, 600, 1);
        var settings = TestRuns.Quick(4, 2000) with { ValidationDropout = ValidationDropout.Train };
        var a = SingleRunTrainer.Train(job, settings, data, TestRuns.Cpu, TestContext.Current.CancellationToken);
        var b = SingleRunTrainer.Train(job, settings, data, TestRuns.Cpu, TestContext.Current.CancellationToken);
        Assert.Equal(ValidationDropout.Train, a.Outcome.ValidationDropout);
        for (int i = 0; i < a.Weights.Tensors.Count; i++)
        {
            Assert.Equal(a.Weights.Tensors[i].Data, b.Weights.Tensors[i].Data);
        }
        Assert.Equal(a.Outcome.Curve.Select(c => c.ValidationLoss), b.Outcome.Curve.Select(c => c.ValidationLoss));
        Assert.Equal(ValidationLossOf(a, settings, data), a.Outcome.BestValidationLoss, 1e-5);
    }

    /// <summary>Recomputes the validation loss of returned weights with the run's own hold-out and best-epoch masks.</summary>
    internal static double ValidationLossOf(TrainedModel m, TrainingSettings settings, Mentia.Core.Data.MnistDataset data)
    {
        using var scope = torch.NewDisposeScope();
        var job = m.Outcome.Run;
        var draw = RunData.Draw(job, settings, data.Train.Count);
        using var model = Fcnn.FromWeights(m.Weights, torch.CPU);
        var (x, y) = DataCache.Get(data.Train, torch.CPU);
        var index = torch.tensor(draw.Validation.Select(i => (long)i).ToArray());
        double rate = settings.ValidationDropout == ValidationDropout.Train ? job.TrainRate : 0;
        ulong maskSeed = Mentia.Core.Sweeps.Seeds.Derive(job.Seed, Mentia.Core.Sweeps.Seeds.Stream.TrainingMasks);
        return SingleRunTrainer.ValidationLoss(model, x, y, index, rate, MaskKeys.Validation(maskSeed, m.Outcome.BestEpoch));
    }

    [Fact]
    public void Cancellation_stops_a_run()
    {
        var data = TestMnist.Load();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SingleRunTrainer.Train(TestRuns.Run(10, 1, 0, 100, 0), TestRuns.Quick(2, 500), data, TestRuns.Cpu, cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => EnsembleTrainer.Train([TestRuns.Run(10, 1, 0, 100, 0)], TestRuns.Quick(2, 500), data, TestRuns.Cpu, cts.Token));
    }

    [Fact]
    public void Device_and_thread_options_resolve()
    {
        Assert.Equal(DeviceType.CPU, TorchRuntime.ResolveDevice("cpu").type);
        Assert.Equal(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, TorchRuntime.ResolveDevice("auto").type);
        Assert.Throws<ArgumentException>(() => TorchRuntime.ResolveDevice("tpu"));
        if (!torch.cuda.is_available())
        {
            Assert.Throws<InvalidOperationException>(() => TorchRuntime.ResolveDevice("cuda"));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineOptions("cpu", -1).Apply());
    }
}
