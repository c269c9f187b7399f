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

    /// <summary>
    /// A spec file or text is at most this many bytes (1 MiB), checked before it is parsed: the study's main
    /// sweep (examples/paper.yaml) is under 1 KiB, and a spec's text travels with the sweep into storage.
    /// </summary>
    public const int MaxSpecBytes = 1 << 20;

    /// <summary>
    /// Training runs of one sweep (widths x depths x p_t x N x replicas), checked from the lists' lengths
    /// before anything is expanded: the study's main sweep has 1,400, so this leaves 700-fold headroom while
    /// keeping the expanded grid (one record per run) to tens of megabytes.
    /// </summary>
    public const long MaxRuns = 1_000_000;

    /// <summary>Phase-diagram cells (widths x depths x p_t x p_e x N); the study's main sweep has 5,460. Each is a grain and a row of the results.</summary>
    public const long MaxCells = 1_000_000;

    /// <summary>Evaluation passes (runs x p_e x passes); the study's main sweep has 5.46 million, so this leaves 1,800-fold headroom.</summary>
    public const long MaxEvaluationPasses = 10_000_000_000;
}
