namespace Mentia.Core.Ledger;

/// <summary>
/// Where one training run is in its life. The legal moves between stages are listed once, in
/// <see cref="SweepLedger"/>'s transition table; nothing else assigns a stage.
/// </summary>
public enum RunStage
{
    /// <summary>Waiting for a training slot (new, or to be trained again).</summary>
    Queued = 0,
    /// <summary>Handed to a worker's device; its weights are not stored yet.</summary>
    Training = 1,
    /// <summary>Weights stored; some of its evaluation chunks are not recorded yet.</summary>
    Evaluating = 2,
    /// <summary>Every evaluation chunk is in a stored result record.</summary>
    Done = 3,
    /// <summary>Gave up after the allowed number of failures.</summary>
    Failed = 4,
}
