namespace Mentia.Core.Ledger;

/// <summary>Where a whole sweep is. Only <see cref="SweepLedger"/> changes it.</summary>
public enum SweepState
{
    Running = 0,
    /// <summary>Every run is done.</summary>
    Done = 1,
    Cancelled = 2,
    /// <summary>Every run is done or failed, and at least one failed.</summary>
    Failed = 3,
}
