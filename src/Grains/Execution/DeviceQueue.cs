using Mentia.GrainInterfaces;

namespace Mentia.Grains.Execution;

/// <summary>
/// A silo's queue of device work: what waits, in which order, and which trainings share an ensemble.
/// Evaluations go first (they are short and make results appear). Trainings are kept per sweep in grid
/// order, whatever order the parallel dispatch calls arrived in, so ensembles are formed of neighbouring runs
/// as `mentia run` forms them; an ensemble takes every queued run with the first one's
/// <see cref="Mentia.Core.Sweeps.EnsembleKey"/>, up to <paramref name="maxEnsemble"/>. Trainings of
/// different sweeps keep their order of arrival, so no sweep starves another.
/// </summary>
/// <param name="capacity">Work items queued at most; <see cref="TryAdd(TrainingWork)"/> declines beyond it (the sweep retries later).</param>
public sealed class DeviceQueue(int capacity, int maxEnsemble)
{
    private readonly object _lock = new();
    private readonly LinkedList<TrainingWork> _training = new();
    private readonly Queue<EvaluationWork> _evaluation = new();
    private readonly SemaphoreSlim _available = new(0);
    private long _lastTrainingArrival;

    /// <summary>
    /// A sweep dispatches its runs as a burst of parallel calls. Starting on the first to arrive would train a
    /// partial ensemble; so while trainings are still arriving (one came in the last <see cref="SettleTime"/>),
    /// <see cref="Take"/> gives the burst a moment, up to <see cref="MaxGather"/>.
    /// </summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan MaxGather = TimeSpan.FromMilliseconds(300);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _training.Count + _evaluation.Count;
            }
        }
    }

    /// <summary>Queues a training; false when the queue is full.</summary>
    public bool TryAdd(TrainingWork work) => TryAdd(() =>
    {
        InsertInGridOrder(work);
        _lastTrainingArrival = Environment.TickCount64;
    });

    /// <summary>Queues an evaluation chunk; false when the queue is full.</summary>
    public bool TryAdd(EvaluationWork work) => TryAdd(() => _evaluation.Enqueue(work));

    /// <summary>
    /// The next evaluation chunk, or the oldest training with every queued one that shares its ensemble.
    /// Blocks (never awaits: the device thread must stay the device thread) until there is work.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled while waiting.</exception>
    public DeviceWork Take(CancellationToken ct)
    {
        while (true)
        {
            _available.Wait(ct);
            Gather(ct);
            lock (_lock)
            {
                if (_evaluation.TryDequeue(out var chunk))
                {
                    return new ChunkWork(chunk);
                }
                if (_training.First is { } first)
                {
                    return new EnsembleWork(TakeEnsemble(first.Value));
                }
            }
        }
    }

    private bool TryAdd(Action add)
    {
        lock (_lock)
        {
            if (_training.Count + _evaluation.Count >= capacity)
            {
                return false;
            }
            add();
        }
        _available.Release();
        return true;
    }

    /// <summary>Called under the lock: removes and returns the first training's ensemble; consumes the extra semaphore counts it covered.</summary>
    private List<TrainingWork> TakeEnsemble(TrainingWork first)
    {
        var key = first.Ensemble;
        var batch = new List<TrainingWork>();
        for (var node = _training.First; node is not null && batch.Count < maxEnsemble;)
        {
            var next = node.Next;
            if (node.Value.Ensemble == key)
            {
                batch.Add(node.Value);
                _training.Remove(node);
            }
            node = next;
        }
        for (int i = 1; i < batch.Count; i++)
        {
            _available.Wait(0);
        }
        return batch;
    }

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

    /// <summary>Behind the last queued training of the same sweep with a smaller grid index; never ahead of another sweep's.</summary>
    private void InsertInGridOrder(TrainingWork work)
    {
        var node = _training.Last;
        while (node is not null && node.Value.SweepId == work.SweepId && node.Value.GridIndex > work.GridIndex)
        {
            node = node.Previous;
        }
        if (node is null)
        {
            _training.AddFirst(work);
        }
        else
        {
            _training.AddAfter(node, work);
        }
    }
}
