using System.Collections.Concurrent;
using System.Text.Json;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Mentia.Storage;
using Mentia.Training;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Mentia.Grains.Execution;

/// <summary>
/// The silo's device: the one owner of TorchSharp and the GPU (or the CPU threads) on this silo. Grains
/// enqueue work and return at once; this service runs it on its own thread, never on the Orleans
/// scheduler, and reports the outcome to the sweep grain when done. Queued training runs of one
/// architecture and settings are trained together as one batched ensemble (an ensemble member's numbers
/// do not depend on its companions, so grouping never changes results). Evaluations go first: they are
/// short and make results appear.
/// </summary>
public sealed class DeviceExecutor(
    DeviceExecutorOptions options,
    MnistProvider mnist,
    IBlobStore store,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    ILogger<DeviceExecutor> log) : BackgroundService
{
    private readonly object _lock = new();
    private readonly LinkedList<TrainItem> _training = new();
    private readonly Queue<EvaluateItem> _evaluation = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly SemaphoreSlim _capacity = new(options.QueueCapacity, options.QueueCapacity);
    private readonly EngineOptions _engine = new(options.Device, options.Threads);
    // Results are delivered (blob writes, grain calls) off the device thread, so the device goes straight on to
    // the next work item; at most this many deliveries wait at once, then the device waits for them.
    private readonly SemaphoreSlim _deliveries = new(MaxPendingDeliveries, MaxPendingDeliveries);
    private readonly ConcurrentDictionary<Task, byte> _pending = new();
    private const int MaxPendingDeliveries = 64;
    private readonly WeightsCache _cache = new(options.WeightsCacheEntries);

    /// <summary>Trainings this executor has completed (for tests and the dashboard).</summary>
    public int TrainingsCompleted => _trainingsCompleted;
    private int _trainingsCompleted;

    public int Queued
    {
        get
        {
            lock (_lock)
            {
                return _training.Count + _evaluation.Count;
            }
        }
    }

    internal async Task EnqueueAsync(WorkItem item, CancellationToken ct = default)
    {
        await _capacity.WaitAsync(ct); // back-pressure when the queue is full
        lock (_lock)
        {
            switch (item)
            {
                case TrainItem t:
                    TrainingQueue.Insert(_training, t);
                    _lastTrainingArrival = Environment.TickCount64;
                    break;
                case EvaluateItem e:
                    _evaluation.Enqueue(e);
                    break;
            }
        }
        _available.Release();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A dedicated thread that never leaves the loop: libtorch work is long and synchronous, and must hold
        // neither a thread-pool thread (Orleans schedules grains there, and the engine's kernels fork onto it)
        // nor a scheduler thread. The loop therefore waits by blocking, never by await, which would resume
        // it, and the training after it, on a pool thread.
        Task.Factory.StartNew(() => Loop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Loop(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                _available.Wait(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Gather(ct);
            var batch = Take();
            if (batch.Count == 0)
            {
                continue;
            }
            try
            {
                if (batch[0] is EvaluateItem e)
                {
                    Evaluate(e.Work, ct);
                }
                else
                {
                    Train(batch.Cast<TrainItem>().Select(t => t.Work).ToList(), ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "device executor: a work item failed outside its own error handling");
            }
            finally
            {
                _capacity.Release(batch.Count);
            }
        }
    }

    /// <summary>
    /// A sweep dispatches its replicas as a burst of parallel grain calls that arrive in any order. Starting on
    /// the first to arrive would train a partial or arbitrary ensemble; so while trainings are still arriving
    /// (one came in the last <see cref="SettleTime"/>), give the burst a moment, up to <see cref="MaxGather"/>.
    /// </summary>
    private void Gather(CancellationToken ct)
    {
        var deadline = Environment.TickCount64 + (long)MaxGather.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            lock (_lock)
            {
                if (_evaluation.Count > 0 || _training.Count == 0 || Environment.TickCount64 - _lastTrainingArrival >= SettleTime.TotalMilliseconds)
                {
                    return;
                }
            }
            ct.WaitHandle.WaitOne(SettleTime / 2);
        }
    }

    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxGather = TimeSpan.FromMilliseconds(300);
    private long _lastTrainingArrival;

    /// <summary>The next evaluation, or the oldest training and every queued one that can share its ensemble.</summary>
    private List<WorkItem> Take()
    {
        lock (_lock)
        {
            if (_evaluation.Count > 0)
            {
                return [_evaluation.Dequeue()];
            }
            if (_training.First is not { } first)
            {
                return [];
            }
            var batch = new List<WorkItem>();
            var key = (first.Value.Work.Width, first.Value.Work.Depth, first.Value.Work.TrainingSettingsJson);
            for (var node = _training.First; node is not null && batch.Count < options.MaxEnsemble;)
            {
                var next = node.Next;
                var w = node.Value.Work;
                if ((w.Width, w.Depth, w.TrainingSettingsJson) == key)
                {
                    batch.Add(node.Value);
                    _training.Remove(node);
                }
                node = next;
            }
            // One semaphore count was taken for the whole batch: consume the extra counts it covered.
            for (int i = 1; i < batch.Count; i++)
            {
                _available.Wait(0);
            }
            return batch;
        }
    }

    private void Train(IReadOnlyList<TrainingWork> works, CancellationToken ct)
    {
        var settings = JsonSerializer.Deserialize<TrainingSettings>(works[0].TrainingSettingsJson, MentiaSerialization.JsonOptions)!;
        var jobs = works.Select(w => new TrainingJob(new Architecture(w.Width, w.Depth), w.TrainRate, w.Size, w.Replica, w.Seed)).ToList();
        IReadOnlyList<TrainedModel> models;
        try
        {
            var data = mnist.GetAsync(ct).GetAwaiter().GetResult();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            models = EnsembleTrainer.Train(jobs, settings, data, _engine, ct);
            log.LogInformation("trained {Count} replicas of w{Width}d{Depth} in {Seconds:0.00} s", jobs.Count, works[0].Width, works[0].Depth, clock.Elapsed.TotalSeconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "training {Count} replicas failed", works.Count);
            Deliver(async () =>
            {
                foreach (var w in works)
                {
                    await Report(w.SweepId, g => g.ReportFailed(w.JobKey, w.Attempt, ex.Message, retrain: true));
                }
            }, ct);
            return;
        }
        Interlocked.Add(ref _trainingsCompleted, works.Count);
        // One delivery and one report for the whole ensemble: the sweep writes its state once, not once per replica.
        Deliver(async () =>
        {
            var stored = await Task.WhenAll(works.Select(async (w, i) =>
            {
                var trained = models[i];
                try
                {
                    var (blob, sha) = await DeliveryRetry.ExecuteAsync(async token => await WeightsBlobs.PutAsync(store, w.SweepId, w.JobKey, trained.Weights, token), ct);
                    _cache.Put(blob, sha, trained.Weights);
                    var o = trained.Outcome;
                    return new TrainedModelRef(w.JobKey, w.Attempt, blob, sha, o.EpochsRun, o.BestValidationLoss, o.StopReason.ToString(), o.WallTime.TotalSeconds, SiloName);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogError(ex, "could not store the weights of {Job}", w.JobKey);
                    await Report(w.SweepId, g => g.ReportFailed(w.JobKey, w.Attempt, $"storing its weights failed: {ex.Message}", retrain: true));
                    return null;
                }
            }));
            foreach (var sweep in works.Zip(stored).Where(p => p.Second is not null).GroupBy(p => p.First.SweepId))
            {
                var refs = sweep.Select(p => p.Second!).ToList();
                await Report(sweep.Key, g => g.ReportTrained(refs));
            }
        }, ct);
    }

    private void Evaluate(EvaluationWork w, CancellationToken ct)
    {
        EvaluationResult result;
        try
        {
            if (!_cache.TryGet(w.WeightsBlob, w.WeightsSha256, out var weights))
            {
                weights = WeightsBlobs.GetAsync(store, w.WeightsBlob, w.WeightsSha256, ct).GetAwaiter().GetResult();
            }
            var data = mnist.GetAsync(ct).GetAwaiter().GetResult();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            result = DropoutEvaluator.Evaluate(weights, data.Test, w.EvalRates, w.Passes, w.TrainingSeed, _engine, ct);
            log.LogDebug("evaluated {Job} chunk {Chunk} in {Ms:0} ms", w.JobKey, w.Chunk, clock.Elapsed.TotalMilliseconds);
        }
        catch (WeightsFormatException ex)
        {
            log.LogWarning("weights of {Job} are unusable ({Reason}); asking for a retrain", w.JobKey, ex.Message);
            Deliver(() => Report(w.SweepId, g => g.ReportFailed(w.JobKey, w.Attempt, ex.Message, retrain: true)), ct);
            return;
        }
        var arch = new Architecture(w.Width, w.Depth);
        Deliver(async () =>
        {
            // Stored first, then given to the cells, then reported: a chunk the sweep counts as done is always
            // in storage, where a cell coming back after a restart finds it.
            var record = new ResultRecordRef(w.JobKey, w.Attempt, w.Chunk, w.ChunkCount);
            await DeliveryRetry.ExecuteAsync(async token => await ResultBlobs.PutAsync(store, w.SweepId, record, result, token), ct);
            await Task.WhenAll(result.Rates.Select(rate =>
            {
                var cell = new Cell(arch, w.TrainRate, rate.EvalRate, w.Size);
                return DeliveryRetry.ExecuteAsync(async _ =>
                    await grains.GetGrain<ICellAggregateGrain>(GrainKeys.Cell(w.SweepId, cell)).Record(new CellRecord(w.JobKey, rate.Losses, rate.Accuracies))).AsTask();
            }));
            await Report(w.SweepId, g => g.ReportEvaluated(w.JobKey, w.Attempt, w.Chunk, w.EvalRates.Length * w.Passes));
        }, ct);
    }

    /// <summary>Starts a delivery in the background, waiting first if too many are already pending.</summary>
    private void Deliver(Func<Task> delivery, CancellationToken ct)
    {
        _deliveries.Wait(ct);
        var task = Task.Run(async () =>
        {
            try
            {
                await delivery();
            }
            catch (Exception ex)
            {
                log.LogError(ex, "delivering a result failed; the sweep's supervision will redo the work");
            }
            finally
            {
                _deliveries.Release();
            }
        }, CancellationToken.None);
        _pending.TryAdd(task, 0);
        _ = task.ContinueWith(t => _pending.TryRemove(t, out _), TaskScheduler.Default);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Hand over what is computed before the silo goes: a graceful shutdown loses no finished work.
        await Task.WhenAll(_pending.Keys).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>
    /// Delivers a report to the sweep, retrying with backoff: when the sweep grain's silo is lost, calls fail
    /// until the cluster declares it dead and the grain comes back elsewhere from its stored state. Reports
    /// are idempotent, so a retry that was in fact delivered does no harm. Given up only after minutes, when
    /// the sweep's supervision re-dispatches the work.
    /// </summary>
    private async Task Report(string sweepId, Func<ISweepGrain, Task> call)
    {
        try
        {
            await DeliveryRetry.ExecuteAsync(async _ => await call(grains.GetGrain<ISweepGrain>(sweepId)));
        }
        catch (Exception ex)
        {
            log.LogError(ex, "could not report to sweep {Sweep}; its supervision will redo the work", sweepId);
        }
    }

    private static readonly ResiliencePipeline DeliveryRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(30),
            MaxRetryAttempts = 30,
        })
        .Build();

    private string SiloName => silo.SiloAddress.ToString();
}
