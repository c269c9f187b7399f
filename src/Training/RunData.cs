using Mentia.Core.Specs;
using Mentia.Core.Sweeps;

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
