namespace Mentia.Core.Ledger;

/// <summary>What resuming a cancelled or failed sweep will do (and what it keeps).</summary>
/// <param name="Resumed">False when the sweep was running or done: nothing changed.</param>
/// <param name="RunsKept">Runs whose evaluation is complete: not trained or evaluated again.</param>
/// <param name="RunsToTrain">Runs that still need (or start again) training.</param>
/// <param name="RunsToEvaluate">Trained runs with evaluation chunks still to record.</param>
/// <param name="FailedRetried">Runs that had been given up on and are tried again with a fresh failure budget.</param>
public sealed record ResumePlan(bool Resumed, int RunsKept, int RunsToTrain, int RunsToEvaluate, int FailedRetried);
