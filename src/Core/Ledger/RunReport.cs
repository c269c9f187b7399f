namespace Mentia.Core.Ledger;

/// <summary>
/// One run as the ledger sees it: stage, attempt, trainings completed, the worker that holds it (the one training it,
/// else the one that trained it), its last error, and the workers its evaluation chunks are out on now (one entry per
/// dispatched chunk not yet reported; empty unless it is evaluating).
/// </summary>
public sealed record RunReport(string RunKey, RunStage Stage, int Attempt, int Trainings, string? Worker, string? LastError,
    IReadOnlyList<string>? EvaluatingOn = null);
