namespace Mentia.Grains.Sweeps;

/// <summary>How a sweep grain dispatches and supervises its work.</summary>
public sealed class SweepOptions
{
    /// <summary>
    /// Replicas in training at once, cluster-wide. Work is handed out as slots free up rather than all at
    /// once, so a silo that joins mid-sweep is given new work.
    /// </summary>
    public int DispatchWindow { get; set; } = 64;
    /// <summary>How often a running sweep checks for lost silos and fills its window.</summary>
    public TimeSpan SuperviseInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>A replica that fails this many times is marked failed instead of retried.</summary>
    public int MaxFailures { get; set; } = 3;
    /// <summary>Evaluation chunks of one run that may fail or be overdue (each redone alone) before the run is marked failed.</summary>
    public int MaxChunkFailures { get; set; } = 10;
    /// <summary>Dispatches of a run's work that silos may decline in a row (their data unusable) before the run is marked failed: no silo can do it.</summary>
    public int MaxDeclines { get; set; } = 30;
    /// <summary>Times a run's silo may leave the cluster while training it before the run is marked failed.</summary>
    public int MaxLost { get; set; } = 5;
    /// <summary>
    /// Fixed part of every work deadline (start-up, storage latency, scheduling): work not reported within this
    /// plus its worker's backlog is redone (see <see cref="Mentia.Core.Ledger.SupervisionRules"/>).
    /// </summary>
    public TimeSpan WorkGrace { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>
    /// The slowest device work is expected on, FLOP/s: a work item's expected time is its FLOP count
    /// (<see cref="Mentia.Core.Sweeps.WorkCost"/>) over this. 1 GFLOP/s is ~8x below one loaded CPU core's
    /// training throughput (BENCHMARKS.md), so a deadline only fires on work that is truly stuck or lost.
    /// </summary>
    public double MinDeviceFlops { get; set; } = 1e9;
    /// <summary>Evaluation reports are written to storage at most this often (a crash redoes at most this much).</summary>
    public TimeSpan StateFlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
