namespace Mentia.Core.Ledger;

/// <summary>One run as the ledger sees it: stage, attempt, trainings completed, the worker that holds it, its last error.</summary>
public sealed record RunReport(string RunKey, RunStage Stage, int Attempt, int Trainings, string? Worker, string? LastError);
