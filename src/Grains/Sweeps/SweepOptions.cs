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
    /// <summary>Evaluation chunks of one run that may fail (each redone alone) before the run is marked failed.</summary>
    public int MaxChunkFailures { get; set; } = 10;
    /// <summary>Evaluation reports are written to storage at most this often (a crash redoes at most this much).</summary>
    public TimeSpan StateFlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
