using Mentia.Storage.Records;
using Mentia.Core.Records;
using System.Collections.Concurrent;
using Mentia.Core.Ledger;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Mentia.Storage;
using Mentia.Training;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Mentia.Grains.Execution;

/// <summary>
/// Hands what a device computed to the rest of the cluster, off the device thread: weights and result
/// records to blob storage, per-cell numbers to the cell aggregates, and a report to the sweep. Every step
/// is retried with backoff (a sweep's silo may be lost and its grain come back elsewhere; storage may blink);
/// reports are idempotent, so a retry that had in fact arrived does no harm. What still fails after the
/// retries is logged, and the sweep's supervision redoes it.
/// </summary>
public sealed class ResultDelivery(IBlobStore store, IGrainFactory grains, WeightsCache cache, DeviceExecutorOptions options, Telemetry.MentiaMetrics metrics, ILogger<ResultDelivery> log)
{
    // At most this many deliveries wait at once; then the device waits for them (back-pressure, not loss).
    private const int MaxPending = 64;
    private readonly SemaphoreSlim _slots = new(MaxPending, MaxPending);
    private readonly ConcurrentDictionary<Task, byte> _pending = new();

    /// <summary>An ensemble trained: store each run's weights (kept in the local cache too), then one report per sweep.</summary>
    public void Trained(IReadOnlyList<TrainingWork> runs, IReadOnlyList<TrainedModel> models, string worker, CancellationToken ct) => Start(async () =>
    {
        var stored = await Task.WhenAll(runs.Select(async (w, i) =>
        {
            var trained = models[i];
            try
            {
                var (blob, sha) = await _retry.ExecuteAsync(async token => await WeightsBlobs.PutAsync(store, w.SweepId, w.Run.Key, trained.Weights, token), ct);
                cache.Put(blob, sha, trained.Weights);
                var o = trained.Outcome;
                var curve = await StoreCurve(w, o, ct);
                return new StoredModel(w.Run.Key, w.Attempt, blob, sha, o.EpochsRun, o.BestValidationLoss, o.StopReason.ToString(), o.WallTime.TotalSeconds, worker,
                    o.BestEpoch, TrainingRows.LearningRateDrops(o.Curve), o.Device, curve);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "could not store the weights of {Run}", w.Run.Key);
                await Report(w.SweepId, g => g.ReportFailed(w.Run.Key, w.Attempt, $"storing its weights failed: {ex.Message}", retrain: true,
                    transient: ex is StorageUnavailableException));
                return null;
            }
        }));
        // One report per sweep for the whole ensemble: the sweep writes its state once, not once per run.
        foreach (var sweep in runs.Zip(stored).Where(p => p.Second is not null).GroupBy(p => p.First.SweepId))
        {
            var models = sweep.Select(p => p.Second!).ToList();
            await Report(sweep.Key, g => g.ReportTrained(models));
        }
    }, ct);

    /// <summary>
    /// A chunk evaluated: stored first, then given to the cells, then reported. A chunk the sweep counts as done
    /// is therefore always in storage, where a cell coming back after a restart finds it.
    /// </summary>
    public void Evaluated(EvaluationWork w, EvaluationResult result, CancellationToken ct) => Start(async () =>
    {
        await _retry.ExecuteAsync(async token => await ResultBlobs.PutAsync(store, w.SweepId, w.Record, result, token), ct);
        await Task.WhenAll(result.Rates.Select(rate =>
        {
            var cell = new Cell(w.Run.Architecture, w.Run.TrainRate, rate.EvalRate, w.Run.Size);
            return _retry.ExecuteAsync(async _ =>
                await grains.GetGrain<ICellAggregateGrain>(GrainKeys.Cell(w.SweepId, cell)).Record(new CellRecord(w.Run.Key, rate.Losses, rate.Accuracies))).AsTask();
        }));
        await Report(w.SweepId, g => g.ReportEvaluated(w.Record));
    }, ct);

    /// <summary>Work that could not be done: reported, so the sweep counts the failure and redoes or gives up.</summary>
    public void Failed(IEnumerable<(string SweepId, string RunKey, int Attempt)> runs, string reason, bool retrain, bool transient, CancellationToken ct)
    {
        var list = runs.ToList();
        Start(async () =>
        {
            foreach (var (sweepId, runKey, attempt) in list)
            {
                await Report(sweepId, g => g.ReportFailed(runKey, attempt, reason, retrain, transient));
            }
        }, ct);
    }

    /// <summary>One evaluation chunk could not be done: reported, so the sweep frees it for supervision.</summary>
    public void ChunkFailed(EvaluationWork w, string reason, bool transient, CancellationToken ct) =>
        Start(() => Report(w.SweepId, g => g.ReportChunkFailed(w.Record, reason, transient)), ct);

    /// <summary>
    /// The run's training curve beside its weights; null when it could not be stored: the curve is a record of how
    /// training went, not something the results depend on, so its loss costs the run nothing but its curve.
    /// </summary>
    private async Task<string?> StoreCurve(TrainingWork w, TrainingOutcome o, CancellationToken ct)
    {
        try
        {
            return await _retry.ExecuteAsync(async token => await CurveBlobs.PutAsync(store, w.SweepId, w.Run.Key, TrainingRows.Curve(o).ToArray(), token), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "could not store the training curve of {Run}; its export will lack the curve", w.Run.Key);
            return null;
        }
    }

    /// <summary>Waits for every delivery in flight: a graceful shutdown hands over all finished work.</summary>
    public Task DrainAsync(CancellationToken ct) =>
        Task.WhenAll(_pending.Keys).WaitAsync(ct).ContinueWith(_ => { }, TaskScheduler.Default);

    /// <summary>Starts a delivery in the background, waiting first (blocking the device thread) if too many are pending.</summary>
    private void Start(Func<Task> delivery, CancellationToken ct)
    {
        _slots.Wait(ct);
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
                _slots.Release();
            }
        }, CancellationToken.None);
        _pending.TryAdd(task, 0);
        _ = task.ContinueWith(t => _pending.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task Report(string sweepId, Func<ISweepWorkReports, Task> call)
    {
        try
        {
            await _retry.ExecuteAsync(async _ => await call(grains.GetGrain<ISweepWorkReports>(sweepId)));
        }
        catch (Exception ex)
        {
            log.LogError(ex, "could not report to sweep {Sweep}; its supervision will redo the work", sweepId);
        }
    }

    /// <summary>Exponential backoff with jitter from 0.5 s to 30 s, <see cref="DeviceExecutorOptions.DeliveryRetries"/> tries (default 30: minutes, enough for the cluster to declare a silo dead and move its grains).</summary>
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(30),
            MaxRetryAttempts = Math.Max(1, options.DeliveryRetries),
            OnRetry = _ =>
            {
                metrics.DeliveryRetried();
                return ValueTask.CompletedTask;
            },
        })
        .Build();
}
