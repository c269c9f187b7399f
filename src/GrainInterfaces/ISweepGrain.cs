namespace Mentia.GrainInterfaces;

/// <summary>
/// One submitted sweep (key: sweep id): the grain that persists its <see cref="Mentia.Core.Ledger.SweepLedger"/>
/// and makes the calls it asks for. Callers hold the role they need (as Orleans' Chirper sample does):
/// users <see cref="ISweepControl"/>, executors <see cref="ISweepWorkReports"/>, cells <see cref="ISweepRecords"/>.
/// </summary>
[Alias("mentia.ISweepGrain")]
public interface ISweepGrain : ISweepControl, ISweepWorkReports, ISweepRecords;
