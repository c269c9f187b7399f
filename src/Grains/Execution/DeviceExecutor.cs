using Mentia.Storage;
using Mentia.Storage.Records;
using Mentia.Core.Records;
using Mentia.GrainInterfaces;
using Mentia.Training;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mentia.Grains.Execution;

/// <summary>
/// The silo's device: the one owner of TorchSharp and the GPU (or the CPU threads) on this silo. Work grains
/// put work in the <see cref="DeviceQueue"/> and return at once; this service takes it out on its own
/// thread, never on the Orleans scheduler, runs it (an ensemble of trainings, or one evaluation chunk) and
/// gives the outcome to <see cref="ResultDelivery"/>. Nothing taken out is dropped: what fails is reported.
/// </summary>
public sealed class DeviceExecutor(
    DeviceExecutorOptions options,
    DeviceQueue queue,
    ResultDelivery delivery,
    WeightsCache cache,
    MnistProvider mnist,
    Mentia.Storage.IBlobStore store,
    ILocalSiloDetails silo,
    Telemetry.MentiaMetrics metrics,
    ILogger<DeviceExecutor> log) : BackgroundService
{
    private readonly EngineOptions _engine = new(options.Device, options.Threads);
    private int _trainingsCompleted;

    /// <summary>Trainings this executor has completed (for tests and the dashboard).</summary>
    public int TrainingsCompleted => _trainingsCompleted;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A dedicated thread that never leaves the loop: libtorch work is long and synchronous, and must hold
        // neither a thread-pool thread (Orleans schedules grains there, and the engine's kernels fork onto it)
        // nor a scheduler thread. The loop therefore waits by blocking, never by await, which would resume
        // it, and the training after it, on a pool thread.
        Task.Factory.StartNew(() => Loop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Loop(CancellationToken ct)
    {
        try
        {
            LoadData(ct);
            while (true)
            {
                var work = queue.Take(ct);
                metrics.DeviceBusy();
                try
                {
                    switch (work)
                    {
                        case ChunkWork chunk:
                            Evaluate(chunk.Work, ct);
                            break;
                        case EnsembleWork ensemble:
                            Train(ensemble.Runs, ct);
                            break;
                    }
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    // Train and Evaluate report their own failures; this only keeps the device alive if reporting itself threw.
                    log.LogError(ex, "device executor: a work item failed outside its own error handling; supervision redoes it");
                }
                finally
                {
                    metrics.DeviceIdle();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the silo is stopping; StopAsync drains the deliveries
        }
    }

    /// <summary>
    /// MNIST loaded before any work arrives: a silo whose copy is unusable says so from the start (readiness) and
    /// declines work rather than failing it. A failure here is retried by the first work item that needs the data.
    /// </summary>
    private void LoadData(CancellationToken ct)
    {
        try
        {
            mnist.GetAsync(ct).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogError("MNIST is unusable on this silo; it declines work until that changes: {Reason}", ex.Message);
        }
    }

    private void Train(IReadOnlyList<TrainingWork> works, CancellationToken ct)
    {
        IReadOnlyList<TrainedModel> models;
        try
        {
            var data = mnist.GetAsync(ct).GetAwaiter().GetResult();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            models = EnsembleTrainer.Train(works.Select(w => w.Run).ToList(), works[0].Settings, data, _engine, ct);
            log.LogInformation("trained {Count} runs of {Architecture} in {Seconds:0.00} s", works.Count, works[0].Run.Architecture, clock.Elapsed.TotalSeconds);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogError(ex, "training {Count} runs failed", works.Count);
            delivery.Failed(works.Select(w => (w.SweepId, w.Run.Key, w.Attempt)), ex.Message, retrain: true, transient: ex is StorageUnavailableException, ct);
            return;
        }
        Interlocked.Add(ref _trainingsCompleted, works.Count);
        metrics.TrainingsCompleted(works.Count);
        delivery.Trained(works, models, silo.SiloAddress.ToString(), ct);
    }

    private void Evaluate(EvaluationWork w, CancellationToken ct)
    {
        EvaluationResult result;
        try
        {
            if (!cache.TryGet(w.Model.WeightsBlob, w.Model.WeightsSha256, out var weights))
            {
                weights = WeightsBlobs.GetAsync(store, w.Model.WeightsBlob, w.Model.WeightsSha256, ct).GetAwaiter().GetResult();
            }
            var data = mnist.GetAsync(ct).GetAwaiter().GetResult();
            result = DropoutEvaluator.Evaluate(weights, data.Test, w.EvalRates, w.Passes, w.Run.Seed, _engine, ct);
        }
        catch (WeightsFormatException ex)
        {
            log.LogWarning("weights of {Run} are unusable ({Reason}); asking for a retrain", w.Run.Key, ex.Message);
            delivery.Failed([(w.SweepId, w.Run.Key, w.Record.Attempt)], ex.Message, retrain: true, transient: false, ct);
            return;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Storage out, data unreadable, ...: only this chunk is redone, the run's other chunks go on.
            log.LogWarning("evaluating {Run} chunk {Chunk} failed ({Reason}); asking for it again", w.Run.Key, w.Record.Chunk, ex.Message);
            delivery.ChunkFailed(w, ex.Message, transient: ex is StorageUnavailableException, ct);
            return;
        }
        metrics.PassesCompleted((long)w.EvalRates.Length * w.Passes);
        delivery.Evaluated(w, result, ct);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Hand over what is computed before the silo goes: a graceful shutdown loses no finished work.
        await delivery.DrainAsync(cancellationToken);
    }
}
