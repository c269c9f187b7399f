using System.Runtime.CompilerServices;
using Mentia.Core.Data;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using TorchSharp;
using static TorchSharp.torch;

namespace Mentia.Training;

/// <summary>One run's draw from the 60,000 training images: the validation hold-out, then the size-N subset from the rest.</summary>
internal sealed class RunData
{
    private RunData(int[] validation, int[] subset)
    {
        Validation = validation;
        Subset = subset;
    }

    public int[] Validation { get; }
    public int[] Subset { get; }

    public static RunData Draw(TrainingRun run, TrainingSettings settings, int total)
    {
        if (settings.ValidationSize <= 0 || run.Size <= 0 || settings.ValidationSize + run.Size > total)
        {
            throw new ArgumentException($"validation {settings.ValidationSize} + N {run.Size} must be positive and fit in {total} training images");
        }
        var all = Enumerable.Range(0, total).ToArray();
        new SplitMixRng(Seeds.Derive(run.Seed, Seeds.Stream.ValidationSplit)).Shuffle(all);
        var validation = all[..settings.ValidationSize];
        var rest = all[settings.ValidationSize..];
        new SplitMixRng(Seeds.Derive(run.Seed, Seeds.Stream.Subset)).Shuffle(rest);
        return new RunData(validation, rest[..run.Size]);
    }
}

/// <summary>Device copies of a split's pixels [count, 784] and labels [count] (int64), made once per split and device.</summary>
internal static class DataCache
{
    private static readonly ConditionalWeakTable<MnistSplit, Dictionary<string, (Tensor X, Tensor Y)>> Cache = new();

    public static (Tensor X, Tensor Y) Get(MnistSplit split, Device device)
    {
        var perDevice = Cache.GetOrCreateValue(split);
        lock (perDevice)
        {
            var key = device.ToString();
            if (!perDevice.TryGetValue(key, out var t))
            {
                var x = tensor(split.Pixels, [split.Count, Fcnn.Inputs]).to(device).DetachFromDisposeScope();
                var y = tensor(split.Labels.Select(b => (long)b).ToArray()).to(device).DetachFromDisposeScope();
                t = (x, y);
                perDevice[key] = t;
            }
            return t;
        }
    }
}

/// <summary>The plateau scheduler (PyTorch ReduceLROnPlateau: mode min, relative threshold 1e-4, no cooldown) and early stopping on the validation loss.</summary>
internal sealed class RunSchedule(TrainingSettings settings)
{
    private const double PlateauThreshold = 1e-4;
    private double _plateauBest = double.PositiveInfinity;
    private int _plateauBad;
    private int _sinceBest;

    public double LearningRate { get; private set; } = settings.LearningRate;
    public double BestLoss { get; private set; } = double.PositiveInfinity;
    public int BestEpoch { get; private set; }
    public int Epoch { get; private set; }

    /// <summary>Records an epoch's validation loss. Improved: keep these weights. Stop: the run is over (and why).</summary>
    public (bool Improved, StopReason? Stop) EndEpoch(double validationLoss)
    {
        Epoch++;
        if (validationLoss < _plateauBest * (1 - PlateauThreshold))
        {
            _plateauBest = validationLoss;
            _plateauBad = 0;
        }
        else if (++_plateauBad > settings.PlateauPatience)
        {
            LearningRate *= settings.PlateauFactor;
            _plateauBad = 0;
        }
        bool improved = validationLoss < BestLoss;
        if (improved)
        {
            BestLoss = validationLoss;
            BestEpoch = Epoch;
            _sinceBest = 0;
        }
        else
        {
            _sinceBest++;
        }
        StopReason? stop = _sinceBest >= settings.EarlyStopPatience ? StopReason.EarlyStopping
            : Epoch >= settings.MaxEpochs ? StopReason.MaxEpochs : null;
        return (improved, stop);
    }
}
