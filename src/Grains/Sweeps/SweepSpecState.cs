namespace Mentia.Grains.Sweeps;

/// <summary>
/// A sweep's spec as submitted, persisted once at submission in its own state: the ledger is written after
/// every few reports, and a spec (up to the spec size limit) must not ride along in each of those writes.
/// </summary>
[GenerateSerializer, Alias("mentia.SweepSpecState.v1")]
public sealed class SweepSpecState
{
    [Id(0)] public string? SpecText { get; set; }
}
