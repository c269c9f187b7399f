namespace Mentia.Core.Specs;

/// <summary>The allowed ranges, in one place so messages and checks cannot drift apart.</summary>
public static class SpecLimits
{
    public const int MaxWidth = 4096;
    public const int MaxDepth = 32;
    public const int MaxBatchSize = 60_000;
    public const int MaxEpochs = 100_000;
    public const int MaxPatience = 10_000;
    public const int MaxReplicas = 100_000;
    public const int MaxPasses = 100_000;
    public const int MaxBootstrap = 1_000_000;
    /// <summary>Ranges expand to at most this many values (a typo like step 0.0001 should fail, not hang).</summary>
    public const int MaxRangeValues = 1_000;
    public const int MaxNameLength = 64;
}
