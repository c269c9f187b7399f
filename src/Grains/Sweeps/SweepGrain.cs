using System.Text.Json;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Mentia.Grains.Sweeps;

/// <summary>
/// A submitted sweep. It expands the grid into replicas, hands each to a training grain (placed on an
/// accelerator silo), then fans its evaluation out over evaluation grains, and records every report.
/// Supervision (a timer while active, a durable reminder to wake after a restart) re-dispatches work
/// whose silo is no longer in the cluster, so losing a silo loses no work, and resuming never retrains a
/// replica whose training was reported. Results themselves live in the cell aggregates, keyed by run, so
/// a replica evaluated twice counts once.
/// </summary>
public sealed class SweepGrain(
    [PersistentState("sweep", MentiaStorage.GrainState)] IPersistentState<SweepGrainState> state,
    IOptions<SweepOptions> options,
    SweepLayouts layouts,
    ILogger<SweepGrain> log) : Grain, ISweepGrain, IRemindable
{
    private const string WakeReminder = "wake";
    private readonly SweepOptions _options = options.Value;
    private SweepLayout? _layout;
    private SweepSpec? Spec => _layout?.Spec;
    private IDisposable? _timer;
    private bool _dirty;
    /// <summary>Silos in the cluster at the last supervision: how many chunks a model's evaluation is split into.</summary>
    private int _silos = 1;
    private DateTimeOffset _lastFlush;

    private SweepGrainState S => state.State;
    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.SpecText is { } text)
        {
            _layout = layouts.Get(Id, text);
            await ReevaluateStoredWithoutRecords();
            if (S.State == SweepState.Running)
            {
                StartTimer();
            }
        }
        await base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await state.WriteStateAsync(cancellationToken);
        }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<SweepProgress> Submit(string specText)
    {
        if (S.SpecText is not null)
        {
            if (S.SpecText != specText)
            {
                throw new ArgumentException($"sweep {Id} already exists with a different spec");
            }
            return Progress(); // the same spec again: carry on, nothing is redone
        }
        var spec = SpecReader.Parse(specText, Id); // throws with every problem listed, before anything is stored
        _layout = layouts.Get(Id, specText);
        S.SpecText = specText;
        S.Name = spec.Name;
        S.SubmittedAt = DateTimeOffset.UtcNow;
        S.State = SweepState.Running;
        S.Replicas = SweepGrid.TrainingJobs(spec).ToDictionary(j => j.Key, _ => new ReplicaState());
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ISweepRegistryGrain>(0).Register(new SweepListing(Id, spec.Name, S.SubmittedAt));
        await KeepAwake();
        await Supervise();
        return Progress();
    }

    public Task<SweepProgress> GetProgress() => Task.FromResult(Progress());

    public Task<string?> GetSpecText() => Task.FromResult(S.SpecText);

    public Task<IReadOnlyList<ReplicaReport>> GetReplicas() => Task.FromResult<IReadOnlyList<ReplicaReport>>(
        S.Replicas.Select(r => new ReplicaReport(r.Key, r.Value.Stage, r.Value.Attempt, r.Value.Trainings,
            r.Value.TrainingSilo ?? r.Value.Model?.Silo, r.Value.LastError)).ToList());

    public async Task Cancel()
    {
        if (S.State != SweepState.Running)
        {
            return;
        }
        S.State = SweepState.Cancelled;
        S.FinishedAt = DateTimeOffset.UtcNow;
        S.Message = "cancelled";
        await Finish();
    }

    public async Task ReportTrained(IReadOnlyList<TrainedModelRef> models)
    {
        var accepted = new List<(string Key, ReplicaState Replica)>();
        foreach (var model in models)
        {
            if (!S.Replicas.TryGetValue(model.JobKey, out var r) || r.Attempt != model.Attempt || r.Stage != ReplicaStage.Training)
            {
                continue; // a stale or repeated report
            }
            r.Trainings++;
            r.Model = model;
            r.TrainingSilo = null;
            r.Stage = ReplicaStage.Evaluating;
            // Fixed now and stored: the partition (and so the result records' names) must survive a restart.
            r.ChunkCount = EvaluationChunks.CountFor(_silos, Spec!.EvalRates.Count);
            r.DoneChunks.Clear();
            r.PendingChunks.Clear();
            accepted.Add((model.JobKey, r));
        }
        if (accepted.Count == 0)
        {
            return;
        }
        await state.WriteStateAsync(); // finished trainings are expensive: never lose them
        _dirty = false;
        if (S.State == SweepState.Running)
        {
            foreach (var (key, r) in accepted)
            {
                await DispatchEvaluation(key, r, Enumerable.Range(0, r.ChunkCount));
            }
            await FillWindow(); // training slots just freed up
        }
    }

    public Task<IReadOnlyList<ResultRecordRef>> GetResultRecords(string cellKey)
    {
        if (_layout is null || !_layout.CellsByKey.TryGetValue(cellKey, out var cell))
        {
            return Task.FromResult<IReadOnlyList<ResultRecordRef>>([]);
        }
        var records = new List<ResultRecordRef>();
        foreach (var job in _layout.JobsByPoint[(cell.Architecture, cell.TrainRate, cell.Size)])
        {
            var r = S.Replicas[job.Key];
            if (r.Stage is not (ReplicaStage.Evaluating or ReplicaStage.Done))
            {
                continue;
            }
            var chunks = ChunksOf(r);
            var chunk = Enumerable.Range(0, chunks.Count).First(c => chunks[c].Contains(cell.EvalRate));
            if (r.DoneChunks.Contains(chunk))
            {
                records.Add(new ResultRecordRef(job.Key, r.Attempt, chunk, r.ChunkCount));
            }
        }
        return Task.FromResult<IReadOnlyList<ResultRecordRef>>(records);
    }

    public async Task ReportResultLost(ResultRecordRef record, string reason)
    {
        if (!S.Replicas.TryGetValue(record.JobKey, out var r) || r.Attempt != record.Attempt || r.ChunkCount != record.ChunkCount
            || !r.DoneChunks.Remove(record.Chunk))
        {
            return; // already being redone, or a record of an older attempt
        }
        log.LogWarning("sweep {Sweep}: the result record of {Job} chunk {Chunk} is unusable ({Reason}); evaluating it again", Id, record.JobKey, record.Chunk, reason);
        r.Stage = ReplicaStage.Evaluating;
        r.LastError = reason;
        await ReopenIfDone();
        await state.WriteStateAsync();
        _dirty = false;
        if (S.State == SweepState.Running)
        {
            await DispatchEvaluation(record.JobKey, r, [record.Chunk]);
        }
    }

    public async Task ReportEvaluated(string jobKey, int attempt, int chunk, int passes)
    {
        if (!S.Replicas.TryGetValue(jobKey, out var r) || r.Attempt != attempt || r.Stage != ReplicaStage.Evaluating || r.DoneChunks.Contains(chunk))
        {
            return;
        }
        r.PendingChunks.Remove(chunk);
        r.DoneChunks.Add(chunk);
        if (r.DoneChunks.Count == r.ChunkCount)
        {
            r.Stage = ReplicaStage.Done;
        }
        _dirty = true;
        if (S.Replicas.Values.All(x => x.Stage is ReplicaStage.Done or ReplicaStage.Failed))
        {
            S.State = S.Replicas.Values.Any(x => x.Stage == ReplicaStage.Failed) ? SweepState.Failed : SweepState.Done;
            S.FinishedAt = DateTimeOffset.UtcNow;
            await Finish();
            return;
        }
        await FlushIfDue();
        await FillWindow();
    }

    public async Task ReportFailed(string jobKey, int attempt, string reason, bool retrain)
    {
        if (!S.Replicas.TryGetValue(jobKey, out var r) || r.Attempt != attempt || r.Stage is ReplicaStage.Done or ReplicaStage.Failed)
        {
            return;
        }
        r.Failures++;
        r.LastError = reason;
        log.LogWarning("sweep {Sweep}: replica {Job} failed ({Reason}), failure {Count}", Id, jobKey, reason, r.Failures);
        if (r.Failures >= _options.MaxFailures)
        {
            r.Stage = ReplicaStage.Failed;
        }
        else if (retrain)
        {
            Requeue(r);
        }
        else
        {
            r.PendingChunks.Clear(); // supervision dispatches the chunks again
        }
        await state.WriteStateAsync();
        _dirty = false;
        await FillWindow();
    }

    public async Task Supervise()
    {
        if (S.State != SweepState.Running || Spec is null)
        {
            return;
        }
        var alive = (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.Select(s => s.ToString()).ToHashSet();
        _silos = Math.Max(1, alive.Count);
        foreach (var (key, r) in S.Replicas)
        {
            if (r.Stage == ReplicaStage.Training && r.TrainingSilo is { } silo && !alive.Contains(silo))
            {
                log.LogWarning("sweep {Sweep}: silo {Silo} is gone; retraining {Job}", Id, silo, key);
                Requeue(r);
            }
            else if (r.Stage == ReplicaStage.Evaluating)
            {
                var lost = r.PendingChunks.Where(p => !alive.Contains(p.Value)).Select(p => p.Key).ToList();
                var never = r.PendingChunks.Count + r.DoneChunks.Count < r.ChunkCount
                    ? Enumerable.Range(0, r.ChunkCount).Where(c => !r.PendingChunks.ContainsKey(c) && !r.DoneChunks.Contains(c)).ToList()
                    : [];
                if (lost.Count + never.Count > 0)
                {
                    await DispatchEvaluation(key, r, lost.Concat(never));
                }
            }
        }
        await FillWindow();
        await FlushIfDue();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (S.State != SweepState.Running)
        {
            await UnregisterReminder();
            return;
        }
        StartTimer();
        await Supervise();
    }

    /// <summary>
    /// Trained replicas stored before results were kept as records (no chunk count) have no records to rebuild
    /// their cells from: evaluate them again from their stored weights (supervision dispatches the chunks),
    /// reopening the sweep if it had finished. Their training is kept.
    /// </summary>
    private async Task ReevaluateStoredWithoutRecords()
    {
        var legacy = S.Replicas.Values.Where(r => r.ChunkCount == 0 && r.Model is not null && r.Stage is ReplicaStage.Evaluating or ReplicaStage.Done).ToList();
        if (legacy.Count == 0)
        {
            return;
        }
        log.LogWarning("sweep {Sweep}: {Count} replicas were stored without result records; evaluating them again", Id, legacy.Count);
        foreach (var r in legacy)
        {
            r.ChunkCount = 1;
            r.Stage = ReplicaStage.Evaluating;
            r.DoneChunks.Clear();
            r.PendingChunks.Clear();
        }
        await ReopenIfDone();
        await state.WriteStateAsync();
    }

    /// <summary>A finished sweep that is missing results runs again, so supervision redoes them, and wakes after a restart.</summary>
    private async Task ReopenIfDone()
    {
        if (S.State == SweepState.Done)
        {
            S.State = SweepState.Running;
            S.FinishedAt = null;
            await KeepAwake();
        }
    }

    /// <summary>The supervision timer while active, and the durable reminder that reactivates a running sweep after a restart.</summary>
    private async Task KeepAwake()
    {
        await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartTimer();
    }

    private void Requeue(ReplicaState r)
    {
        S.Retrained++;
        r.Attempt++;
        r.Stage = ReplicaStage.Queued;
        r.TrainingSilo = null;
        r.Model = null;
        r.PendingChunks.Clear();
        r.DoneChunks.Clear();
        _dirty = true;
    }

    private async Task FillWindow()
    {
        if (S.State != SweepState.Running || Spec is null)
        {
            return;
        }
        int inFlight = S.Replicas.Values.Count(r => r.Stage == ReplicaStage.Training);
        var free = _options.DispatchWindow - inFlight;
        if (free <= 0)
        {
            return;
        }
        var jobs = _layout!.Jobs.Where(j => S.Replicas[j.Key].Stage == ReplicaStage.Queued).Take(free).ToList();
        if (jobs.Count == 0)
        {
            return;
        }
        var settingsJson = JsonSerializer.Serialize(Spec.Training, MentiaSerialization.JsonOptions);
        var started = await Task.WhenAll(jobs.Select(async job =>
        {
            var r = S.Replicas[job.Key];
            var work = new TrainingWork(Id, job.Key, job.Architecture.Width, job.Architecture.Depth, job.TrainRate, job.Size, job.Replica, job.Seed, r.Attempt, settingsJson, _layout.GridIndex[job.Key]);
            try
            {
                return (job.Key, Silo: await GrainFactory.GetGrain<ITrainingGrain>(GrainKeys.Training(Id, job.Key, r.Attempt)).Start(work));
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "sweep {Sweep}: could not dispatch {Job}; will retry", Id, job.Key);
                return (job.Key, Silo: (string?)null);
            }
        }));
        foreach (var (key, silo) in started)
        {
            if (silo is not null)
            {
                S.Replicas[key].Stage = ReplicaStage.Training;
                S.Replicas[key].TrainingSilo = silo;
            }
        }
        await state.WriteStateAsync();
        _dirty = false;
    }

    private async Task DispatchEvaluation(string jobKey, ReplicaState r, IEnumerable<int> chunks)
    {
        var spec = Spec!;
        var job = _layout!.JobsByKey[jobKey];
        var model = r.Model!;
        var all = ChunksOf(r);
        foreach (var chunk in chunks.Distinct().ToList())
        {
            var work = new EvaluationWork(Id, jobKey, chunk, all[chunk], spec.Passes, job.Seed, model.WeightsBlob, model.WeightsSha256,
                job.Architecture.Width, job.Architecture.Depth, job.TrainRate, job.Size, r.Attempt, r.ChunkCount);
            try
            {
                var silo = await GrainFactory.GetGrain<IEvaluationGrain>(GrainKeys.Evaluation(Id, jobKey, chunk, ++S.Dispatches)).Start(work);
                r.PendingChunks[chunk] = silo;
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "sweep {Sweep}: could not dispatch evaluation {Job}/{Chunk}; will retry", Id, jobKey, chunk);
                r.PendingChunks.Remove(chunk);
            }
        }
        _dirty = true;
    }

    private IReadOnlyList<double[]> ChunksOf(ReplicaState r) => _layout!.Chunks(r.ChunkCount);

    private SweepProgress Progress()
    {
        int Count(ReplicaStage s) => S.Replicas.Values.Count(r => r.Stage == s);
        long passesPerChunkRate = Spec?.Passes ?? 0;
        long done = S.Replicas.Values.Sum(r => r.Stage == ReplicaStage.Done ? Spec!.EvalRates.Count * passesPerChunkRate
            : r.Stage == ReplicaStage.Evaluating ? r.DoneChunks.Sum(c => ChunksOf(r)[c].Length) * passesPerChunkRate : 0);
        long total = Spec is null ? 0 : SweepGrid.EvaluationPasses(Spec);
        return new SweepProgress(Id, S.Name, S.State, S.Replicas.Count, Count(ReplicaStage.Queued), Count(ReplicaStage.Training),
            Count(ReplicaStage.Evaluating), Count(ReplicaStage.Done), Count(ReplicaStage.Failed), done, total, S.SubmittedAt, S.FinishedAt,
            S.Retrained, S.Message);
    }

    private void StartTimer() =>
        _timer ??= this.RegisterGrainTimer(Supervise, new GrainTimerCreationOptions(_options.SuperviseInterval, _options.SuperviseInterval));

    private async Task FlushIfDue()
    {
        if (_dirty && DateTimeOffset.UtcNow - _lastFlush >= _options.StateFlushInterval)
        {
            await state.WriteStateAsync();
            _dirty = false;
            _lastFlush = DateTimeOffset.UtcNow;
        }
    }

    private async Task Finish()
    {
        await state.WriteStateAsync();
        _dirty = false;
        _timer?.Dispose();
        _timer = null;
        await UnregisterReminder();
    }

    private async Task UnregisterReminder()
    {
        if (await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
