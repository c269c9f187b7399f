namespace Mentia.Core.Ledger;

/// <summary>What one supervision pass decided: runs put back in the training queue, and evaluation chunks to dispatch.</summary>
/// <param name="Requeued">Runs whose training worker left the cluster, queued again (with a new attempt).</param>
/// <param name="Chunks">(run, chunk) pairs to dispatch: in flight on a departed worker, or never dispatched.</param>
public sealed record SupervisionPlan(IReadOnlyList<string> Requeued, IReadOnlyList<(string RunKey, int Chunk)> Chunks);
