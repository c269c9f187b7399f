using Mentia.Core.Ledger;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Microsoft.Extensions.Logging;

namespace Mentia.Grains.Sweeps;

/// <summary>The sweep grain as the executors' report sink (<see cref="ISweepWorkReports"/>): every report goes to the ledger, which decides.</summary>
public sealed partial class SweepGrain
{
    // ------------------------------------------------------------------ ISweepWorkReports

    public async Task ReportTrained(IReadOnlyList<StoredModel> models)
    {
        if (Ledger is null || _layout is null)
        {
            return; // nothing submitted under this id: a report for nothing
        }
        var accepted = Ledger.RecordTrained(models, EvaluationChunks.CountFor(_silos, _layout.Spec.EvalRates.Count), DateTimeOffset.UtcNow);
        if (accepted.Count == 0)
        {
            return;
        }
        await Save(); // finished trainings are expensive: never lose them
        foreach (var run in accepted)
        {
            await DispatchEvaluation(run.Key, Enumerable.Range(0, run.ChunkCount));
        }
        await FillWindow(); // training slots just freed up
    }

    public async Task ReportEvaluated(ResultRecordRef record)
    {
        if (Ledger?.RecordEvaluated(record.RunKey, record.Attempt, record.Chunk, DateTimeOffset.UtcNow) != true)
        {
            return;
        }
        _dirty = true;
        if (await FinishedNow())
        {
            return;
        }
        await FlushIfDue();
        await FillWindow();
    }

    public async Task ReportChunkFailed(ResultRecordRef record, string reason, bool transient)
    {
        if (Ledger?.RecordChunkFailure(record, reason, _options.MaxChunkFailures, DateTimeOffset.UtcNow, transient) != true)
        {
            return;
        }
        log.LogWarning("sweep {Sweep}: chunk {Chunk} of {Run} failed ({Reason}); supervision dispatches it again", Id, record.Chunk, record.RunKey, reason);
        _dirty = true;
        if (!await FinishedNow())
        {
            await FlushIfDue();
        }
    }

    public async Task ReportFailed(string runKey, int attempt, string reason, bool retrain, bool transient)
    {
        if (Ledger?.RecordFailure(runKey, attempt, reason, retrain, _options.MaxFailures, DateTimeOffset.UtcNow, transient) != true)
        {
            return;
        }
        _dirty = true; // written below, or by the flush of a stopped sweep
        log.LogWarning("sweep {Sweep}: run {Run} failed ({Reason}), failure {Count}", Id, runKey, reason, Ledger[runKey].Failures);
        if (await FinishedNow())
        {
            return;
        }
        await Save();
        await FillWindow();
    }

    /// <summary>
    /// True when the sweep is no longer running. When this report is what finished it (done or failed), the sweep is
    /// written and supervision stops; the timer is held exactly while a running sweep is supervised, so a late
    /// report after a cancel or a finish only flushes.
    /// </summary>
    private async Task<bool> FinishedNow()
    {
        if (Ledger!.IsRunning)
        {
            return false;
        }
        if (_timer is not null)
        {
            await Finish();
        }
        else
        {
            await FlushIfDue();
        }
        return true;
    }
}
