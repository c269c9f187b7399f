namespace Mentia.Core.Ledger;

/// <summary>
/// One run as the ledger sees it: stage, attempt, trainings completed, the worker that holds it (the one training it,
/// else the one that trained it), its last error, and the workers its evaluation chunks are out on now (one entry per
/// dispatched chunk not yet reported; empty unless it is evaluating). Equal when every field is, the workers in order.
/// </summary>
public sealed record RunReport(string RunKey, RunStage Stage, int Attempt, int Trainings, string? Worker, string? LastError,
    IReadOnlyList<string>? EvaluatingOn = null)
{
    public bool Equals(RunReport? other) =>
        other is not null && RunKey == other.RunKey && Stage == other.Stage && Attempt == other.Attempt && Trainings == other.Trainings
        && Worker == other.Worker && LastError == other.LastError && (EvaluatingOn ?? []).SequenceEqual(other.EvaluatingOn ?? []);

    public override int GetHashCode() => HashCode.Combine(RunKey, Stage, Attempt, Trainings, Worker, LastError, (EvaluatingOn ?? []).Count);
}
