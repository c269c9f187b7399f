using Mentia.Core.Specs;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Training.Tests;

public class EnsembleTests(ITestOutputHelper output)
{
    [Fact]
    public void Eight_seeds_trained_as_an_ensemble_and_one_by_one_give_the_same_mean_test_loss()
    {
        var data = TestMnist.Load();
        var jobs = Enumerable.Range(0, 8).Select(r => TestRuns.Run(50, 2, 0.2, 1000, r)).ToList();
        var settings = TestRuns.Quick(8, 5000);
        var single = jobs.Select(j => SingleRunTrainer.Train(j, settings, data, TestRuns.Cpu, TestContext.Current.CancellationToken)).ToList();
        var ensemble = EnsembleTrainer.Train(jobs, settings, data, TestRuns.Cpu, TestContext.Current.CancellationToken);

        double TestLoss(TrainedModel m) => DropoutEvaluator.Evaluate(m.Weights, data.Test, [0.0], 1, m.Weights.Seed, TestRuns.Cpu, TestContext.Current.CancellationToken).Rates[0].Losses[0];
        var ls = single.Select(TestLoss).ToArray();
        var le = ensemble.Select(TestLoss).ToArray();
        double Mean(double[] v) => v.Average();
        double Sd(double[] v) => Math.Sqrt(v.Sum(x => (x - Mean(v)) * (x - Mean(v))) / (v.Length - 1));
        output.WriteLine($"single   {string.Join(" ", ls.Select(x => x.ToString("F4")))} mean {Mean(ls):F4} sd {Sd(ls):F4}");
        output.WriteLine($"ensemble {string.Join(" ", le.Select(x => x.ToString("F4")))} mean {Mean(le):F4} sd {Sd(le):F4}");
        double spread = Math.Max(Sd(ls), Sd(le));
        Assert.True(Math.Abs(Mean(ls) - Mean(le)) < spread, $"mean test loss single {Mean(ls)} vs ensemble {Mean(le)}, replica spread {spread}");

        // Same draws, same masks: the first epoch differs only by float rounding (bmm vs mm, hand vs autograd backward).
        for (int r = 0; r < jobs.Count; r++)
        {
            Assert.Equal(jobs[r], ensemble[r].Outcome.Run);
            Assert.Equal(single[r].Outcome.Curve[0].ValidationLoss, ensemble[r].Outcome.Curve[0].ValidationLoss, 2e-3);
        }
    }

    [Fact]
    public void Members_with_their_own_N_and_rate_stop_on_their_own_and_keep_their_best_weights()
    {
        var data = TestMnist.Load();
        var jobs = new[]
        {
            TestRuns.Run(24, 2, 0.0, 300, 0),
            TestRuns.Run(24, 2, 0.5, 900, 1),
            TestRuns.Run(24, 2, 0.1, 130, 2),
        };
        // A large learning rate and a short patience: the small-N members overfit and stop early, at their own epochs.
        var settings = TestRuns.Quick(25, 1000) with { LearningRate = 0.01, EarlyStopPatience = 2, PlateauPatience = 1, ValidationDropout = ValidationDropout.Train };
        var models = EnsembleTrainer.Train(jobs, settings, data, TestRuns.Cpu, TestContext.Current.CancellationToken);
        for (int r = 0; r < jobs.Length; r++)
        {
            var o = models[r].Outcome;
            output.WriteLine($"{o.Run.Key}: {o.EpochsRun} epochs, best {o.BestEpoch}, {o.StopReason}, val {o.BestValidationLoss:F4}");
            Assert.Equal(jobs[r], o.Run);
            Assert.Equal(o.EpochsRun, o.Curve.Count);
            Assert.Equal(o.Curve.Min(c => c.ValidationLoss), o.BestValidationLoss);
            Assert.Equal(o.EpochsRun, models[r].Weights.Epochs);
            Assert.Equal(ValidationDropout.Train, o.ValidationDropout);
            Assert.Equal(TrainingTests.ValidationLossOf(models[r], settings, data), o.BestValidationLoss, 1e-4);
        }
        Assert.Contains(models, m => m.Outcome.StopReason == StopReason.EarlyStopping);
        Assert.True(models.Select(m => m.Outcome.EpochsRun).Distinct().Count() > 1, "members should stop at different epochs");
    }
}
