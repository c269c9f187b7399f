using Mentia.Core.Data;
using Mentia.Core.Records;
using Mentia.Core.Specs;

namespace Mentia.Core.Sweeps;

/// <summary>
/// What one piece of a sweep's work costs in floating-point operations: the size a supervision deadline is
/// derived from. Counts follow BENCHMARKS.md: a training step is 6 FLOPs per weight per sample (forward,
/// backward to activations, backward to weights), an evaluation 2 FLOPs per weight per image.
/// </summary>
public static class WorkCost
{
    /// <summary>Weights and biases of a fully-connected 784 → Width (× Depth) → 10 network.</summary>
    public static long Parameters(Architecture a)
    {
        long p = FirstLayerParameters(a);
        p += (long)(a.Depth - 1) * ((long)a.Width * a.Width + a.Width);
        return p + (long)a.Width * ModelWeights.Classes + ModelWeights.Classes;
    }

    /// <summary>Weights and biases of the first layer, 784 → Width: the product the evaluator computes once per model.</summary>
    public static long FirstLayerParameters(Architecture a) => (long)ModelWeights.Inputs * a.Width + a.Width;

    /// <summary>
    /// An upper bound on training one run (FLOPs): every epoch up to <see cref="TrainingSettings.MaxEpochs"/> over its
    /// N images, plus the validation pass of each epoch. Early stopping only makes it cheaper.
    /// </summary>
    public static double Training(TrainingRun run, TrainingSettings settings) => settings.MaxEpochs * Epoch(run, settings);

    /// <summary>One epoch of one run (FLOPs): a training step over its N images and the validation pass that ends the epoch.</summary>
    public static double Epoch(TrainingRun run, TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(settings);
        double p = Parameters(run.Architecture);
        return 6.0 * p * run.Size + 2.0 * p * settings.ValidationSize;
    }

    /// <summary>
    /// Evaluating one run as the evaluator does it (FLOPs): the first layer's product once (dropout acts on hidden
    /// units, so x W_1 is the same in every pass and is cached), then per pass only the layers after it, over the
    /// 10,000 test images. A progress estimate's weight; <see cref="Evaluation"/> is the uncached upper bound.
    /// </summary>
    public static double EvaluationAsComputed(Architecture architecture, int rates, int passes)
    {
        double first = FirstLayerParameters(architecture);
        return 2.0 * MnistFiles.TestCount * (first + (double)rates * passes * (Parameters(architecture) - first));
    }

    /// <summary>Evaluating one run at <paramref name="rates"/> p_e with <paramref name="passes"/> masks each over the 10,000 test images (FLOPs), every pass the whole network: an upper bound.</summary>
    public static double Evaluation(Architecture architecture, int rates, int passes) =>
        2.0 * Parameters(architecture) * MnistFiles.TestCount * rates * passes;
}
