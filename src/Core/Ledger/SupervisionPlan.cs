namespace Mentia.Core.Ledger;

/// <summary>What one supervision pass decided.</summary>
/// <param name="Requeued">Runs queued again for training (a new attempt), each with why: its worker left, or it was overdue.</param>
/// <param name="Chunks">(run, chunk) pairs to dispatch: in flight on a departed worker, overdue, or never dispatched.</param>
/// <param name="Overdue">One line per item given up on because its worker was silent past its deadline (for the log).</param>
/// <param name="Failed">Runs that supervision gave up on for good in this pass.</param>
public sealed record SupervisionPlan(
    IReadOnlyList<string> Requeued,
    IReadOnlyList<(string RunKey, int Chunk)> Chunks,
    IReadOnlyList<string> Overdue,
    IReadOnlyList<string> Failed)
{
    public static SupervisionPlan Nothing { get; } = new([], [], [], []);
}
