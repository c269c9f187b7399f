using Mentia.Core.Sweeps;

namespace Mentia.Training;

/// <summary>The keys of every mask: training step s of a run, validation epoch e, evaluation pass (p_e, k), then hidden layer l.</summary>
public static class MaskKeys
{
    private const ulong ValidationDomain = 1UL << 62;

    public static ulong TrainingStep(ulong maskSeed, long step) => Mix.Key(maskSeed, (ulong)step);

    public static ulong Validation(ulong maskSeed, int epoch) => Mix.Key(maskSeed, ValidationDomain + (ulong)epoch);

    /// <summary>The key of one evaluation pass: <see cref="Seeds.Evaluation"/> itself.</summary>
    public static ulong EvaluationPass(ulong trainingSeed, double evalRate, int pass) => Seeds.Evaluation(trainingSeed, evalRate, pass);

    public static ulong Layer(ulong callKey, int layer) => Mix.Key(callKey, (ulong)layer + 0x10000UL);
}

