using Mentia.Core.Ledger;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Microsoft.Extensions.Logging;

namespace Mentia.Grains.Sweeps;

/// <summary>The sweep grain's outgoing side: supervision (timer and reminder) and the work it dispatches as its ledger decides.</summary>
public sealed partial class SweepGrain
{
    // ------------------------------------------------------------------ supervision (timer and reminder)

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Ledger?.IsRunning != true)
        {
            await UnregisterReminder();
            return;
        }
        StartTimer();
        await Supervise();
    }

    /// <summary>
    /// Redoes work whose silo left or whose deadline passed, dispatches chunks never dispatched, then fills the
    /// training window. A run out of attempts fails here, and when that leaves nothing to do the sweep ends.
    /// </summary>
    private async Task Supervise()
    {
        Progress(); // keeps the sweep's metrics current while nobody watches
        if (Ledger?.IsRunning != true)
        {
            return;
        }
        var live = (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.Select(s => s.ToString()).ToHashSet();
        _silos = Math.Max(1, live.Count);
        var plan = Ledger.Supervise(live, DateTimeOffset.UtcNow, Rules());
        foreach (var run in plan.Requeued)
        {
            log.LogWarning("sweep {Sweep}: training {Run} again ({Reason})", Id, run, Ledger[run].LastError);
        }
        foreach (var line in plan.Overdue)
        {
            log.LogWarning("sweep {Sweep}: overdue, redone: {What}", Id, line);
        }
        foreach (var run in plan.Failed)
        {
            log.LogError("sweep {Sweep}: run {Run} failed for good ({Reason})", Id, run, Ledger[run].LastError);
        }
        _dirty |= plan.Requeued.Count > 0 || plan.Overdue.Count > 0 || plan.Failed.Count > 0;
        if (await FinishedNow())
        {
            return;
        }
        foreach (var run in plan.Chunks.GroupBy(c => c.RunKey))
        {
            await DispatchEvaluation(run.Key, run.Select(c => c.Chunk));
        }
        await FillWindow();
        await FlushIfDue();
    }

    /// <summary>Deadlines from the work's size: its FLOPs (Core's WorkCost) on the slowest device planned for, plus a fixed grace.</summary>
    private SupervisionRules Rules()
    {
        var layout = _layout!;
        var spec = layout.Spec;
        var flops = _options.MinDeviceFlops;
        return new SupervisionRules(
            _options.WorkGrace,
            r => TimeSpan.FromSeconds(WorkCost.Training(layout.RunsByKey[r.Key], spec.Training) / flops),
            (r, chunk) => TimeSpan.FromSeconds(WorkCost.Evaluation(layout.RunsByKey[r.Key].Architecture,
                EvaluationChunks.SizeOf(chunk, spec.EvalRates.Count, r.ChunkCount), spec.Passes) / flops),
            _options.MaxLost);
    }

    private async Task FillWindow()
    {
        var next = Ledger!.NextToTrain(_options.DispatchWindow);
        if (next.Count == 0)
        {
            await FinishedNow(); // a declined evaluation may have failed the last open run
            return;
        }
        var spec = _layout!.Spec;
        var dispatches = next.Select(entry => (Entry: entry, Key: GrainKeys.Training(Id, entry.Key, entry.Attempt, Ledger.NextDispatch()))).ToList();
        var started = await Task.WhenAll(dispatches.Select(async d =>
        {
            var (entry, grainKey) = d;
            var run = _layout.RunsByKey[entry.Key];
            var work = new TrainingWork(Id, run, spec.Training, entry.Attempt, _layout.GridIndex[run.Key]);
            var answer = await Call(() => GrainFactory.GetGrain<ITrainingGrain>(grainKey).Start(work), run.Key);
            return (run.Key, answer);
        }));
        var now = DateTimeOffset.UtcNow;
        // Nothing could even be handed over (placement failed, calls failed): say so in the status while it lasts,
        // e.g. no GPU silo in a cluster whose placement does not fall back to CPU silos.
        _notDispatched = started.Any(s => s.answer.Silo is not null) ? null
            : started.FirstOrDefault(s => s.answer.Declined is not null).answer.Declined is { } declined ? $"waiting: the silos decline the work ({declined})"
            : started.All(s => s.answer.Failure is not null) ? $"waiting: no training could be dispatched ({started[0].answer.Failure})"
            : null; // queues full: simply busy
        foreach (var (key, answer) in started)
        {
            if (answer.Silo is { } silo)
            {
                Ledger.TrainingDispatched(key, silo, now);
            }
            else if (answer.Declined is { } reason)
            {
                Declined(key, reason, now);
            }
        }
        if (!await FinishedNow())
        {
            await Save();
        }
    }

    private void Declined(string runKey, string reason, DateTimeOffset now)
    {
        if (Ledger!.RecordDeclined(runKey, reason, _options.MaxDeclines, now) && Ledger[runKey].Stage == RunStage.Failed)
        {
            log.LogError("sweep {Sweep}: run {Run} failed for good ({Reason})", Id, runKey, Ledger[runKey].LastError);
        }
        _dirty = true;
    }

    /// <summary>Hands chunks of a trained run to evaluation grains; nothing while the sweep is not running (a cancelled sweep's late trainings are recorded, not evaluated).</summary>
    private async Task DispatchEvaluation(string runKey, IEnumerable<int> chunks)
    {
        if (!Ledger!.IsRunning)
        {
            return;
        }
        var entry = Ledger[runKey];
        var run = _layout!.RunsByKey[runKey];
        var rates = _layout.Chunks(entry.ChunkCount);
        foreach (var chunk in chunks.Distinct().ToList())
        {
            var work = new EvaluationWork(Id, run, new ResultRecordRef(runKey, entry.Attempt, chunk, entry.ChunkCount), rates[chunk], _layout.Spec.Passes, entry.Model!);
            var key = GrainKeys.Evaluation(Id, runKey, chunk, Ledger.NextDispatch());
            var answer = await Call(() => GrainFactory.GetGrain<IEvaluationGrain>(key).Start(work), $"{runKey} chunk {chunk}");
            if (answer.Silo is { } silo)
            {
                Ledger.ChunkDispatched(runKey, chunk, silo, DateTimeOffset.UtcNow);
            }
            else
            {
                Ledger.ChunkNotDispatched(runKey, chunk);
                if (answer.Declined is { } reason)
                {
                    Declined(runKey, reason, DateTimeOffset.UtcNow);
                    if (Ledger[runKey].Stage == RunStage.Failed)
                    {
                        break;
                    }
                }
            }
        }
        _dirty = true;
    }

    /// <summary>A work grain's Start: its answer, or "not queued" with the failure when the call failed (logged; supervision retries).</summary>
    private async Task<(string? Silo, string? Declined, string? Failure)> Call(Func<Task<WorkAnswer>> start, string what)
    {
        try
        {
            var answer = await start();
            return (answer.Silo, answer.Declined, null);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "sweep {Sweep}: could not dispatch {What}; will retry", Id, what);
            return (null, null, ex.Message);
        }
    }
}
