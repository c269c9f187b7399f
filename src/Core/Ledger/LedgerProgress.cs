namespace Mentia.Core.Ledger;

/// <summary>A ledger's counts at one moment: runs per stage and evaluation passes recorded out of the sweep's total.</summary>
public sealed record LedgerProgress(int Runs, int Queued, int Training, int Evaluating, int Done, int Failed, long PassesDone, long PassesTotal);
