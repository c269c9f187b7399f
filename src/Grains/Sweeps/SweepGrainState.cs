using Mentia.Core.Ledger;

namespace Mentia.Grains.Sweeps;

/// <summary>What a sweep grain persists: the spec as submitted and the ledger. Enough to resume after a restart.</summary>
[GenerateSerializer, Alias("mentia.SweepGrainState.v2")]
public sealed class SweepGrainState
{
    [Id(0)] public string? SpecText { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public DateTimeOffset SubmittedAt { get; set; }
    /// <summary>Every run's stage and the sweep's state (crosses the storage boundary as JSON, a plain Core type).</summary>
    [Id(3)] public SweepLedger? Ledger { get; set; }
}
