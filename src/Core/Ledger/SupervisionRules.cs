namespace Mentia.Core.Ledger;

/// <summary>
/// How patient supervision is with work that has not reported. A worker's backlog is the expected time of
/// everything it holds for this sweep (<see cref="TrainingTime"/> and <see cref="ChunkTime"/>, worst-case
/// estimates from the work's size); an item is overdue when nothing was heard from its worker for
/// <see cref="Grace"/> + that backlog since the item was handed over, doubled for every earlier overdue item
/// of the same run. Overdue work is redone and counted apart from reported failures (<see cref="MaxOverdue"/>),
/// so a deadline that was merely too tight (a device shared with other sweeps) costs duplicate work, and only
/// a run silent through 8 doublings, over 255 times its first allowance, is given up. (Budgets for reported
/// failures are passed with the reports: <see cref="SweepLedger.RecordFailure"/>, <see cref="SweepLedger.RecordChunkFailure"/>.)
/// </summary>
/// <param name="Grace">Fixed allowance on top of the work's size: start-up, storage latency, scheduling.</param>
/// <param name="TrainingTime">Expected worst-case time to train a run (its own work only).</param>
/// <param name="ChunkTime">Expected worst-case time to evaluate one chunk of a run.</param>
/// <param name="MaxOverdue">Overdue items (trainings or chunks) after which a run is given up.</param>
/// <param name="MaxLost">Times a run's worker may leave the cluster while holding it before the run is given up (a run that brings its silo down must not loop for ever).</param>
public sealed record SupervisionRules(
    TimeSpan Grace,
    Func<RunEntry, TimeSpan> TrainingTime,
    Func<RunEntry, int, TimeSpan> ChunkTime,
    int MaxLost = 5,
    int MaxOverdue = 8)
{
    /// <summary>No deadlines (work of live workers is never overdue): only departed workers and undispatched chunks are acted on.</summary>
    public static SupervisionRules NoDeadlines { get; } = new(TimeSpan.MaxValue, _ => TimeSpan.Zero, (_, _) => TimeSpan.Zero);

    /// <summary>The allowance for an item on a worker with the given backlog, after <paramref name="overdue"/> earlier overdue items of its run.</summary>
    public TimeSpan Allowance(TimeSpan backlog, int overdue)
    {
        if (Grace == TimeSpan.MaxValue)
        {
            return TimeSpan.MaxValue;
        }
        var seconds = (Grace + backlog).TotalSeconds * Math.Pow(2, Math.Min(overdue, 16));
        return seconds >= TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
    }
}
