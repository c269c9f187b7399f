using Mentia.Core.Ledger;

namespace Mentia.Grains.Sweeps;

/// <summary>What a sweep grain writes as it goes: its name, submission time and the ledger (the spec is in <see cref="SweepSpecState"/>, written once).</summary>
[GenerateSerializer, Alias("mentia.SweepGrainState.v2")]
public sealed class SweepGrainState
{
    /// <summary>Only in states written before the spec had its own state: moved there on activation, then null.</summary>
    [Id(0)] public string? SpecText { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public DateTimeOffset SubmittedAt { get; set; }
    /// <summary>Every run's stage and the sweep's state (crosses the storage boundary as JSON, a plain Core type).</summary>
    [Id(3)] public SweepLedger? Ledger { get; set; }
}
