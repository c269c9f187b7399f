namespace Mentia.Core.Ledger;

/// <summary>A move the ledger's transition table does not allow: a bug in the caller, never a worker's stale report (those are ignored).</summary>
public sealed class IllegalTransitionException(string message) : InvalidOperationException(message);
