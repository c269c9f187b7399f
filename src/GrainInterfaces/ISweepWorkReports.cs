using Mentia.Core.Ledger;

namespace Mentia.GrainInterfaces;

/// <summary>
/// What the silos' device executors tell a sweep. Every report names the attempt it answers; a report for
/// an older attempt, or one already counted, is ignored, so reports may be retried freely.
/// </summary>
[Alias("mentia.ISweepWorkReports")]
public interface ISweepWorkReports : IGrainWithStringKey
{
    /// <summary>Runs trained (one ensemble) with their weights stored: one report, one state write.</summary>
    [Alias("ReportTrained")]
    Task ReportTrained(IReadOnlyList<StoredModel> models);

    /// <summary>One evaluation chunk of a run is stored as a result record and given to the cell aggregates.</summary>
    [Alias("ReportEvaluated")]
    Task ReportEvaluated(ResultRecordRef record);

    /// <summary>
    /// One evaluation chunk could not be done (data unreadable, storage out): only that chunk is redone.
    /// <paramref name="transient"/>: storage was unavailable; not counted against the run, redone when its deadline passes.
    /// </summary>
    [Alias("ReportChunkFailed")]
    Task ReportChunkFailed(ResultRecordRef record, string reason, bool transient);

    /// <summary>
    /// A run's work could not be done (e.g. its weights were corrupt); <paramref name="retrain"/>: train it again.
    /// <paramref name="transient"/>: storage was unavailable; not counted against the run, redone when its deadline passes.
    /// </summary>
    [Alias("ReportFailed")]
    Task ReportFailed(string runKey, int attempt, string reason, bool retrain, bool transient);
}
