// Over 250 lines on purpose: the transition tables and every method that moves a run or the sweep sit in
// one file, so the whole state machine can be checked against its tests in one read.
using System.Text.Json.Serialization;
using Mentia.Core.Sweeps;

namespace Mentia.Core.Ledger;

/// <summary>
/// The books of one sweep: every training run's stage, attempt, worker, model and evaluation chunks, and
/// the sweep's own state. It decides what to dispatch next and what supervision redoes, and it derives the
/// progress; it calls nothing and knows no Orleans, so every rule is tested without a cluster. The sweep
/// grain persists it (as JSON) and makes the calls it asks for.
/// </summary>
/// <remarks>
/// Every stage change goes through <see cref="Move"/>, which checks it against <see cref="LegalMoves"/>
/// (Ray Tune's single <c>_set_trial_status</c> is the model). Reports from workers are idempotent: a report
/// for an older attempt, a chunk already recorded or a run already finished is ignored and returns false.
/// </remarks>
public sealed class SweepLedger
{
    /// <summary>For serializers; use <see cref="Open"/>.</summary>
    public SweepLedger() { }

    /// <summary>A new running sweep of the given runs (in grid order), each evaluated at <paramref name="ratesPerRun"/> p_e with <paramref name="passes"/> passes.</summary>
    /// <exception cref="ArgumentException">A run key appears twice, or there are no runs.</exception>
    public static SweepLedger Open(IEnumerable<string> runKeys, int ratesPerRun, int passes)
    {
        var runs = runKeys.Select(k => new RunEntry(k)).ToList();
        if (runs.Count == 0)
        {
            throw new ArgumentException("a sweep needs at least one run", nameof(runKeys));
        }
        if (runs.GroupBy(r => r.Key).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"run {twice.Key} appears twice", nameof(runKeys));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(ratesPerRun, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        return new SweepLedger { Runs = runs, RatesPerRun = ratesPerRun, Passes = passes };
    }

    /// <summary>The runs in grid order (the order trainings are dispatched and ensembles formed in).</summary>
    [JsonInclude] public IReadOnlyList<RunEntry> Runs { get; private set; } = [];
    /// <summary>p_e values each run is evaluated at.</summary>
    [JsonInclude] public int RatesPerRun { get; private set; }
    /// <summary>Mask draws per (run, p_e).</summary>
    [JsonInclude] public int Passes { get; private set; }
    [JsonInclude] public SweepState State { get; private set; }
    [JsonInclude] public DateTimeOffset? FinishedAt { get; private set; }
    [JsonInclude] public string? Message { get; private set; }
    /// <summary>Runs queued again after their worker was lost or their work failed.</summary>
    [JsonInclude] public int Retrained { get; private set; }
    /// <summary>Evaluation dispatches so far: numbers each one, so each goes to a fresh work grain.</summary>
    [JsonInclude] public long Dispatches { get; private set; }

    /// <summary>The legal stage moves: from a stage to the stages it may go to. A requeue (a new attempt) is the move to Queued.</summary>
    public static IReadOnlyDictionary<RunStage, RunStage[]> LegalMoves { get; } = new Dictionary<RunStage, RunStage[]>
    {
        [RunStage.Queued] = [RunStage.Training, RunStage.Queued, RunStage.Failed],
        [RunStage.Training] = [RunStage.Evaluating, RunStage.Queued, RunStage.Failed],
        [RunStage.Evaluating] = [RunStage.Done, RunStage.Queued, RunStage.Failed],
        // A stored record found missing or corrupt sends a finished run back to evaluation.
        [RunStage.Done] = [RunStage.Evaluating],
        // Only a resume brings a failed run back: to evaluation when its weights are stored, else to training.
        [RunStage.Failed] = [RunStage.Queued, RunStage.Evaluating],
    };

    /// <summary>
    /// The legal sweep state moves. A finished sweep found missing results runs again (reopens); a cancelled
    /// or failed one runs again when resumed.
    /// </summary>
    public static IReadOnlyDictionary<SweepState, SweepState[]> LegalStates { get; } = new Dictionary<SweepState, SweepState[]>
    {
        [SweepState.Running] = [SweepState.Done, SweepState.Failed, SweepState.Cancelled],
        [SweepState.Done] = [SweepState.Running],
        [SweepState.Failed] = [SweepState.Running],
        [SweepState.Cancelled] = [SweepState.Running],
    };

    public bool IsRunning => State == SweepState.Running;

    /// <summary>The run with this key.</summary>
    /// <exception cref="KeyNotFoundException">No such run in this sweep.</exception>
    public RunEntry this[string runKey] => Index.TryGetValue(runKey, out var i) ? Runs[i] : throw new KeyNotFoundException($"no run {runKey} in this sweep");

    public bool Contains(string runKey) => Index.ContainsKey(runKey);

    /// <summary>
    /// Starts supervision's clock in this activation: no deadline counts from before <paramref name="now"/>, since
    /// when workers were last heard from is not persisted (a sweep grain that moved silos must not time out
    /// work its workers are still doing).
    /// </summary>
    public void StartClock(DateTimeOffset now)
    {
        _clockStart = now;
        _heard.Clear();
    }

    // ---------------------------------------------------------------- training

    /// <summary>
    /// Queued runs to start now, in grid order: enough to bring the runs in training up to
    /// <paramref name="window"/>. Empty unless the sweep is running.
    /// </summary>
    public IReadOnlyList<RunEntry> NextToTrain(int window)
    {
        if (!IsRunning)
        {
            return [];
        }
        var free = window - Runs.Count(r => r.Stage == RunStage.Training);
        return free <= 0 ? [] : Runs.Where(r => r.Stage == RunStage.Queued).Take(free).ToList();
    }

    /// <summary>A queued run was handed to <paramref name="worker"/>'s device at <paramref name="now"/>.</summary>
    public void TrainingDispatched(string runKey, string worker, DateTimeOffset now)
    {
        var r = this[runKey];
        Move(r, RunStage.Training);
        r.Worker = worker;
        r.DispatchedAt = now;
        r.Declines = 0;
    }

    /// <summary>
    /// A silo declined a run's work because it cannot do such work at all (its data is unusable): not the run's
    /// failure, and the next dispatch may reach a healthy silo. After <paramref name="maxDeclines"/> declines in a
    /// row no silo can take it: the run fails with the reason (and the sweep ends if nothing else is left).
    /// False for a run that is not open.
    /// </summary>
    public bool RecordDeclined(string runKey, string reason, int maxDeclines, DateTimeOffset now)
    {
        if (!Index.TryGetValue(runKey, out var i) || Runs[i] is not { Stage: RunStage.Queued or RunStage.Evaluating } r)
        {
            return false;
        }
        r.Declines++;
        r.LastError = $"declined: {reason}";
        if (r.Declines >= maxDeclines)
        {
            r.LastError = $"no silo could take it ({r.Declines} declines in a row); last: {reason}";
            Fail(r, now);
        }
        return true;
    }

    /// <summary>
    /// Trained runs whose weights are stored; each current one moves to evaluation, split into
    /// <paramref name="chunkCount"/> chunks. Returns the runs accepted (stale or repeated reports are not).
    /// </summary>
    public IReadOnlyList<RunEntry> RecordTrained(IEnumerable<StoredModel> models, int chunkCount, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkCount, 1);
        var accepted = new List<RunEntry>();
        foreach (var model in models)
        {
            Heard(model.Worker, now); // even a stale report shows the worker's device is moving
            if (!Index.TryGetValue(model.RunKey, out var i) || Runs[i] is not { Stage: RunStage.Training } r || r.Attempt != model.Attempt)
            {
                continue;
            }
            Move(r, RunStage.Evaluating);
            r.Trainings++;
            r.ForgetModel();
            r.Model = model;
            r.ChunkCount = Math.Clamp(chunkCount, 1, RatesPerRun);
            accepted.Add(r);
        }
        return accepted;
    }

    // ---------------------------------------------------------------- evaluation

    /// <summary>The number for the next evaluation dispatch (so each dispatch is a fresh work item).</summary>
    public long NextDispatch() => ++Dispatches;

    /// <summary>Chunk <paramref name="chunk"/> of an evaluating run was handed to <paramref name="worker"/> at <paramref name="now"/>.</summary>
    public void ChunkDispatched(string runKey, int chunk, string worker, DateTimeOffset now)
    {
        var r = Evaluating(runKey, chunk);
        if (!r.DoneChunks.Contains(chunk))
        {
            r.PendingChunks[chunk] = worker;
            r.ChunkDispatchedAt[chunk] = now;
            r.Declines = 0;
        }
    }

    /// <summary>Dispatching a chunk failed: it is left for the next supervision.</summary>
    public void ChunkNotDispatched(string runKey, int chunk) => Evaluating(runKey, chunk).ReleaseChunk(chunk);

    /// <summary>
    /// A chunk's result record is stored. The run is done when all its chunks are; the sweep finishes when
    /// every run is done or failed. False for a stale or repeated report.
    /// </summary>
    public bool RecordEvaluated(string runKey, int attempt, int chunk, DateTimeOffset now)
    {
        if (!Index.TryGetValue(runKey, out var i) || Runs[i] is not { Stage: RunStage.Evaluating } r || r.Attempt != attempt
            || chunk < 0 || chunk >= r.ChunkCount || r.DoneChunks.Contains(chunk))
        {
            return false;
        }
        Heard(r.PendingChunks.GetValueOrDefault(chunk), now);
        r.ReleaseChunk(chunk);
        r.DoneChunks.Add(chunk);
        if (r.DoneChunks.Count == r.ChunkCount)
        {
            Move(r, RunStage.Done);
            FinishIfComplete(now);
        }
        return true;
    }

    /// <summary>
    /// A worker could not do a run's work. Counted; at <paramref name="maxFailures"/> the run fails for good
    /// (and the sweep finishes if nothing else is left). Otherwise it is trained again
    /// (<paramref name="retrain"/>: its weights are unusable) or its chunks in flight are dispatched again by
    /// supervision. False for a stale report or a finished run.
    /// </summary>
    public bool RecordFailure(string runKey, int attempt, string reason, bool retrain, int maxFailures, DateTimeOffset now, bool transient = false)
    {
        if (!Index.TryGetValue(runKey, out var i) || Runs[i] is not { Stage: not (RunStage.Done or RunStage.Failed) } r || r.Attempt != attempt)
        {
            return false;
        }
        Heard(r.Worker, now);
        if (transient)
        {
            // Storage was out: not the run's fault, and redoing it at once would fail again. The work stays where
            // it is; its deadline redoes it later (each overdue doubling the wait), so an outage only delays it.
            r.LastError = $"{reason} (storage unavailable: redone when its deadline passes)";
            return true;
        }
        r.Failures++;
        r.LastError = reason;
        if (r.Failures >= maxFailures)
        {
            Fail(r, now);
        }
        else if (retrain || r.Stage != RunStage.Evaluating)
        {
            Requeue(r);
        }
        else
        {
            r.PendingChunks.Clear();
            r.ChunkDispatchedAt.Clear();
        }
        return true;
    }

    /// <summary>
    /// One evaluation chunk could not be done (storage out, data unreadable): only that chunk is freed for
    /// supervision to dispatch again; chunks in flight elsewhere are left alone. Counted per run against
    /// <paramref name="maxChunkFailures"/>, beyond which the run fails for good (and the sweep finishes if
    /// nothing else is left). A <paramref name="transient"/> failure (storage out) is not counted and the chunk stays
    /// in flight, for its deadline to redo later. False for a stale report or a chunk not in flight (a report
    /// retried after it was counted, or one for a chunk already redone).
    /// </summary>
    public bool RecordChunkFailure(ResultRecordRef chunk, string reason, int maxChunkFailures, DateTimeOffset now, bool transient = false)
    {
        if (!Index.TryGetValue(chunk.RunKey, out var i) || Runs[i] is not { Stage: RunStage.Evaluating } r || r.Attempt != chunk.Attempt
            || r.ChunkCount != chunk.ChunkCount || !r.PendingChunks.ContainsKey(chunk.Chunk))
        {
            return false;
        }
        Heard(r.PendingChunks[chunk.Chunk], now);
        if (transient)
        {
            r.LastError = $"{reason} (storage unavailable: chunk {chunk.Chunk} redone when its deadline passes)";
            return true;
        }
        r.ReleaseChunk(chunk.Chunk);
        r.ChunkFailures++;
        r.LastError = reason;
        if (r.ChunkFailures >= maxChunkFailures)
        {
            Fail(r, now);
        }
        return true;
    }

    /// <summary>
    /// A stored result record is missing or unusable: that chunk is evaluated again, and a finished sweep
    /// reopens. False when the record is not the one the ledger counts (an older attempt, already redone).
    /// </summary>
    public bool RecordResultLost(ResultRecordRef record, string reason)
    {
        if (!Index.TryGetValue(record.RunKey, out var i) || Runs[i] is not { Stage: RunStage.Evaluating or RunStage.Done } r
            || r.Attempt != record.Attempt || r.ChunkCount != record.ChunkCount || !r.DoneChunks.Remove(record.Chunk))
        {
            return false;
        }
        if (r.Stage == RunStage.Done)
        {
            Move(r, RunStage.Evaluating);
        }
        r.LastError = reason;
        if (State is SweepState.Done or SweepState.Failed)
        {
            SetState(SweepState.Running);
            FinishedAt = null;
        }
        return true;
    }

    // ---------------------------------------------------------------- supervision, cancel, queries

    /// <summary>
    /// One supervision pass at <paramref name="now"/>, given the workers now in the cluster. Training held by a
    /// departed worker is queued again (a new attempt, counted against <see cref="SupervisionRules.MaxLost"/>);
    /// evaluation chunks held by a departed worker, or never dispatched, are returned for dispatch. Work a live
    /// worker has held past its deadline (see <see cref="SupervisionRules"/>) counts as a failure and is redone,
    /// so work dropped anywhere (a lost report, a stuck device) is found. A run out of attempts fails, and the
    /// sweep finishes when nothing else is left. Nothing happens unless the sweep is running.
    /// </summary>
    public SupervisionPlan Supervise(IReadOnlySet<string> liveWorkers, DateTimeOffset now, SupervisionRules rules)
    {
        if (!IsRunning)
        {
            return SupervisionPlan.Nothing;
        }
        var backlog = Backlogs(rules);
        var requeued = new List<string>();
        var chunks = new List<(string, int)>();
        var overdue = new List<string>();
        var failed = new List<string>();
        foreach (var r in Runs)
        {
            if (r.Stage == RunStage.Training)
            {
                if (r.Worker is null || !liveWorkers.Contains(r.Worker))
                {
                    r.Lost++;
                    r.LastError = $"its worker {r.Worker ?? "(none)"} left the cluster";
                    GiveUpOrRequeue(r, r.Lost >= rules.MaxLost);
                }
                else if (Overdue(r.Worker, r.DispatchedAt, backlog, rules, r.Overdue, now) is { } allowance)
                {
                    r.Overdue++;
                    r.LastError = $"no report from {r.Worker} within {allowance.TotalSeconds:0} s of training";
                    overdue.Add($"{r.Key}: {r.LastError}");
                    GiveUpOrRequeue(r, r.Overdue >= rules.MaxOverdue);
                }
            }
            else if (r.Stage == RunStage.Evaluating)
            {
                foreach (var (chunk, worker) in r.PendingChunks.OrderBy(p => p.Key).ToList())
                {
                    if (!liveWorkers.Contains(worker))
                    {
                        r.ReleaseChunk(chunk);
                    }
                    else if (Overdue(worker, r.ChunkDispatchedAt.TryGetValue(chunk, out var at) ? at : null, backlog, rules, r.Overdue, now) is { } allowance)
                    {
                        r.ReleaseChunk(chunk);
                        r.Overdue++;
                        r.LastError = $"no report from {worker} within {allowance.TotalSeconds:0} s of evaluating chunk {chunk}";
                        overdue.Add($"{r.Key}: {r.LastError}");
                    }
                }
                if (r.Overdue >= rules.MaxOverdue)
                {
                    Fail(r, now);
                    failed.Add(r.Key);
                    continue;
                }
                chunks.AddRange(r.UndispatchedChunks().Select(c => (r.Key, c)));
            }
        }
        FinishIfComplete(now);
        return new SupervisionPlan(requeued, chunks, overdue, failed);

        void GiveUpOrRequeue(RunEntry r, bool giveUp)
        {
            if (giveUp)
            {
                Fail(r, now);
                failed.Add(r.Key);
            }
            else
            {
                Requeue(r);
                requeued.Add(r.Key);
            }
        }
    }

    /// <summary>
    /// Reopens a cancelled or failed sweep: finished runs are kept, trained runs go on evaluating the chunks they
    /// lack, failed runs get a fresh failure budget (back to evaluation when their weights are stored, else
    /// trained again). Runs still marked in training are left to supervision (their worker may still report).
    /// </summary>
    public ResumePlan Resume(DateTimeOffset now)
    {
        if (State is not (SweepState.Cancelled or SweepState.Failed))
        {
            return new ResumePlan(false, Runs.Count(r => r.Stage == RunStage.Done), 0, 0, 0);
        }
        var retried = 0;
        foreach (var r in Runs.Where(r => r.Stage == RunStage.Failed))
        {
            retried++;
            (r.Failures, r.ChunkFailures, r.Lost, r.Overdue, r.Declines) = (0, 0, 0, 0, 0);
            if (r.Model is not null && r.ChunkCount > 0)
            {
                Move(r, RunStage.Evaluating);
                r.PendingChunks.Clear();
                r.ChunkDispatchedAt.Clear();
            }
            else
            {
                Requeue(r);
            }
        }
        SetState(SweepState.Running);
        FinishedAt = null;
        Message = null;
        StartClock(now);
        var toTrain = Runs.Count(r => r.Stage is RunStage.Queued or RunStage.Training);
        var toEvaluate = Runs.Count(r => r.Stage == RunStage.Evaluating);
        FinishIfComplete(now); // a sweep cancelled after its last report has nothing left to do
        return new ResumePlan(true, Runs.Count(r => r.Stage == RunStage.Done), toTrain, toEvaluate, retried);
    }

    /// <summary>Stops a running sweep: nothing more is dispatched. False when it was not running.</summary>
    public bool Cancel(DateTimeOffset now)
    {
        if (!IsRunning)
        {
            return false;
        }
        SetState(SweepState.Cancelled);
        FinishedAt = now;
        Message = "cancelled";
        return true;
    }

    /// <summary>
    /// The stored result records that hold the p_e at <paramref name="rateIndex"/> (its position in the
    /// sweep's list) for the given runs: what a cell rebuilds itself from.
    /// </summary>
    public IReadOnlyList<ResultRecordRef> RecordsHolding(IEnumerable<string> runKeys, int rateIndex)
    {
        var records = new List<ResultRecordRef>();
        foreach (var key in runKeys)
        {
            var r = this[key];
            // A run that failed during evaluation keeps the chunks it recorded: the live cells counted them too.
            if (r.Stage is RunStage.Evaluating or RunStage.Done or RunStage.Failed && r.ChunkCount > 0)
            {
                var chunk = EvaluationChunks.IndexOf(rateIndex, RatesPerRun, r.ChunkCount);
                if (r.DoneChunks.Contains(chunk))
                {
                    records.Add(new ResultRecordRef(r.Key, r.Attempt, chunk, r.ChunkCount));
                }
            }
        }
        return records;
    }

    /// <summary>Runs per stage, and evaluation passes recorded (a chunk counts once its record is stored).</summary>
    public LedgerProgress Progress()
    {
        int Count(RunStage s) => Runs.Count(r => r.Stage == s);
        long done = 0;
        foreach (var r in Runs)
        {
            done += r.Stage switch
            {
                RunStage.Done => RatesPerRun,
                RunStage.Evaluating => r.DoneChunks.Sum(c => EvaluationChunks.SizeOf(c, RatesPerRun, r.ChunkCount)),
                _ => 0,
            };
        }
        return new LedgerProgress(Runs.Count, Count(RunStage.Queued), Count(RunStage.Training), Count(RunStage.Evaluating),
            Count(RunStage.Done), Count(RunStage.Failed), done * Passes, (long)Runs.Count * RatesPerRun * Passes);
    }

    /// <summary>The stored model of every trained run (its current attempt's), in run order: what the raw data's runs are made of.</summary>
    public IReadOnlyList<StoredModel> StoredModels() => Runs.Where(r => r.Model is not null).Select(r => r.Model!).ToList();

    /// <summary>Every run's stage, attempt, trainings, worker and last error.</summary>
    public IReadOnlyList<RunReport> Report() =>
        Runs.Select(r => new RunReport(r.Key, r.Stage, r.Attempt, r.Trainings, r.Worker ?? r.Model?.Worker, r.LastError,
            r.PendingChunks.OrderBy(c => c.Key).Select(c => c.Value).ToList())).ToList();

    // ---------------------------------------------------------------- the checked moves

    /// <summary>The one place a run's stage changes: checked against <see cref="LegalMoves"/>.</summary>
    private static void Move(RunEntry r, RunStage to)
    {
        if (!LegalMoves[r.Stage].Contains(to))
        {
            throw new IllegalTransitionException($"run {r.Key}: {r.Stage} -> {to} is not a legal move");
        }
        r.Stage = to;
    }

    /// <summary>The one place the sweep's state changes: checked against <see cref="LegalStates"/>.</summary>
    private void SetState(SweepState to)
    {
        if (!LegalStates[State].Contains(to))
        {
            throw new IllegalTransitionException($"sweep: {State} -> {to} is not a legal move");
        }
        State = to;
    }

    /// <summary>A new attempt from scratch: the stored model and any chunks are forgotten.</summary>
    private void Requeue(RunEntry r)
    {
        Move(r, RunStage.Queued);
        r.Attempt++;
        r.ForgetModel();
        Retrained++;
    }

    private void Fail(RunEntry r, DateTimeOffset now)
    {
        Move(r, RunStage.Failed);
        r.PendingChunks.Clear();
        r.ChunkDispatchedAt.Clear();
        FinishIfComplete(now);
    }

    /// <summary>Expected time of everything each worker holds for this sweep.</summary>
    private Dictionary<string, TimeSpan> Backlogs(SupervisionRules rules)
    {
        var backlog = new Dictionary<string, TimeSpan>();
        foreach (var r in Runs)
        {
            if (r is { Stage: RunStage.Training, Worker: { } w })
            {
                backlog[w] = backlog.GetValueOrDefault(w) + rules.TrainingTime(r);
            }
            foreach (var (chunk, worker) in r.PendingChunks)
            {
                backlog[worker] = backlog.GetValueOrDefault(worker) + rules.ChunkTime(r, chunk);
            }
        }
        return backlog;
    }

    /// <summary>The allowance that was exceeded, or null while the item is within its deadline.</summary>
    private TimeSpan? Overdue(string worker, DateTimeOffset? dispatchedAt, Dictionary<string, TimeSpan> backlog, SupervisionRules rules, int failures, DateTimeOffset now)
    {
        var allowance = rules.Allowance(backlog.GetValueOrDefault(worker), failures);
        if (allowance == TimeSpan.MaxValue)
        {
            return null;
        }
        // Counted from the latest sign of the worker's progress: its queue may hold much before this item.
        var since = Max(Max(dispatchedAt ?? _clockStart, _clockStart), _heard.GetValueOrDefault(worker));
        if (since == default)
        {
            return null; // no clock yet: nothing to count from
        }
        return now - since > allowance ? allowance : null;

        static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    }

    private void Heard(string? worker, DateTimeOffset now)
    {
        if (worker is not null && now > _heard.GetValueOrDefault(worker))
        {
            _heard[worker] = now;
        }
    }

    private void FinishIfComplete(DateTimeOffset now)
    {
        if (IsRunning && Runs.All(r => r.Stage is RunStage.Done or RunStage.Failed))
        {
            var failed = Runs.Where(r => r.Stage == RunStage.Failed).ToList();
            SetState(failed.Count > 0 ? SweepState.Failed : SweepState.Done);
            FinishedAt = now;
            if (failed.Count > 0)
            {
                Message = $"{failed.Count} of {Runs.Count} runs failed; {failed[0].Key}: {failed[0].LastError}";
            }
        }
    }

    private RunEntry Evaluating(string runKey, int chunk)
    {
        var r = this[runKey];
        if (r.Stage is not (RunStage.Evaluating or RunStage.Done) || chunk < 0 || chunk >= r.ChunkCount)
        {
            throw new IllegalTransitionException($"run {runKey} ({r.Stage}, {r.ChunkCount} chunks) has no chunk {chunk} to dispatch");
        }
        return r;
    }

    // When workers were last heard from, and when this activation's clock started: not persisted (see StartClock).
    private readonly Dictionary<string, DateTimeOffset> _heard = [];
    private DateTimeOffset _clockStart;

    private Dictionary<string, int> Index => _index ??= Runs.Select((r, i) => (r.Key, i)).ToDictionary(x => x.Key, x => x.i);
    private Dictionary<string, int>? _index;
}
