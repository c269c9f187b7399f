using Mentia.Core.Records;
using System.Diagnostics;
using Mentia.Core.Data;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using TorchSharp;
using static TorchSharp.torch;

namespace Mentia.Training;

/// <summary>
/// THE training loop for one run (science.md, "One training run"): an <see cref="Fcnn"/> module trained with
/// autograd on its size-N subset, mini-batches in a seeded order, Adam, a plateau scheduler and early stopping
/// on the validation loss, keeping the best epoch's weights. Every draw comes from the run's seed:
/// validation hold-out and subset (<see cref="RunData"/>), initialisation, batch order, training masks.
/// <see cref="EnsembleTrainer"/> runs the same protocol for R runs at once and must stay equivalent to this.
/// </summary>
public static class SingleRunTrainer
{
    private const int ValidationChunk = 2000;

    public static TrainedModel Train(TrainingRun run, TrainingSettings settings, MnistDataset data, EngineOptions options, CancellationToken ct)
    {
        var device = options.Apply();
        var clock = Stopwatch.StartNew();
        using var runScope = NewDisposeScope(); // whatever the run creates is freed when it returns
        var draw = RunData.Draw(run, settings, data.Train.Count);
        var (xAll, yAll) = DataCache.Get(data.Train, device);
        ulong maskSeed = Seeds.Derive(run.Seed, Seeds.Stream.TrainingMasks);
        var batchRng = new SplitMixRng(Seeds.Derive(run.Seed, Seeds.Stream.BatchOrder));
        var order = (int[])draw.Subset.Clone();
        var validationIndex = tensor(draw.Validation.Select(i => (long)i).ToArray(), device: device).DetachFromDisposeScope();

        using var model = new Fcnn(run.Architecture, Seeds.Derive(run.Seed, Seeds.Stream.Initialisation), device);
        var parameters = model.parameters().Cast<Tensor>().ToList();
        using var adam = new StackedAdam(parameters, options.KernelThreads);
        var best = parameters.Select(p => p.detach().clone().DetachFromDisposeScope()).ToList();
        var schedule = new RunSchedule(settings);
        var curve = new List<EpochRecord>();
        long step = 0;
        StopReason stop;
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                batchRng.Shuffle(order);
                double lr = schedule.LearningRate;
                double trainLoss = 0;
                for (int start = 0; start < order.Length; start += settings.BatchSize)
                {
                    using var scope = NewDisposeScope();
                    int count = Math.Min(settings.BatchSize, order.Length - start);
                    var index = tensor(order.AsSpan(start, count).ToArray().Select(i => (long)i).ToArray(), device: device);
                    var logits = model.Forward(xAll.index_select(0, index), run.TrainRate, MaskKeys.TrainingStep(maskSeed, step), 0);
                    var loss = nn.functional.cross_entropy(logits, yAll.index_select(0, index));
                    model.zero_grad();
                    loss.backward();
                    using (no_grad())
                    {
                        adam.Step(parameters, parameters.Select(p => p.grad!).ToList(), 1, [lr]);
                    }
                    trainLoss += loss.item<float>() * count;
                    step++;
                }
                double validationLoss = ValidationLoss(model, xAll, yAll, validationIndex, settings.ValidationDropout == ValidationDropout.Train ? run.TrainRate : 0.0, MaskKeys.Validation(maskSeed, schedule.Epoch + 1));
                curve.Add(new EpochRecord(schedule.Epoch + 1, trainLoss / order.Length, validationLoss, lr));
                var (improved, stopNow) = schedule.EndEpoch(validationLoss);
                if (improved)
                {
                    using var noGrad = no_grad();
                    for (int i = 0; i < parameters.Count; i++)
                    {
                        best[i].copy_(parameters[i]);
                    }
                }
                if (stopNow is { } reason)
                {
                    stop = reason;
                    break;
                }
            }
            using (no_grad())
            {
                for (int i = 0; i < parameters.Count; i++)
                {
                    parameters[i].copy_(best[i]);
                }
            }
        }
        finally
        {
            foreach (var b in best)
            {
                b.Dispose();
            }
            validationIndex.Dispose();
        }
        var weights = new ModelWeights
        {
            Architecture = run.Architecture,
            TrainRate = run.TrainRate,
            Size = run.Size,
            Replica = run.Replica,
            Seed = run.Seed,
            Epochs = schedule.Epoch,
            BestValidationLoss = schedule.BestLoss,
            Tensors = model.ExportTensors(),
        };
        var outcome = new TrainingOutcome(run, schedule.Epoch, schedule.BestEpoch, stop, schedule.BestLoss, curve, clock.Elapsed,
            settings.ValidationDropout, KeptWeights.BestValidationEpoch, device.ToString(), "single");
        return new TrainedModel(outcome, weights);
    }

    /// <summary>Mean cross-entropy over the validation hold-out, at rate (0 or p_t), in chunks.</summary>
    internal static double ValidationLoss(Fcnn model, Tensor xAll, Tensor yAll, Tensor validationIndex, double rate, ulong callKey)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long n = validationIndex.shape[0];
        double sum = 0;
        for (long s = 0; s < n; s += ValidationChunk)
        {
            var idx = validationIndex.narrow(0, s, Math.Min(ValidationChunk, n - s));
            var logits = model.Forward(xAll.index_select(0, idx), rate, callKey, s);
            sum += nn.functional.cross_entropy(logits, yAll.index_select(0, idx), reduction: nn.Reduction.Sum).item<float>();
        }
        return sum / n;
    }
}
