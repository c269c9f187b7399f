using System.Text.Json.Serialization;

namespace Mentia.Core.Ledger;

/// <summary>
/// One training run's line in the ledger: its stage, its attempt, the worker that holds it, its stored
/// model and its evaluation chunks. Read-only outside the ledger; <see cref="SweepLedger"/> makes every change.
/// (Setters are private but included, so the grain's storage can write and read the ledger as JSON.)
/// </summary>
public sealed class RunEntry
{
    public RunEntry() { }

    internal RunEntry(string key) => Key = key;

    /// <summary>The run's key, e.g. w64d2/pt0.300/N1000/r3 (see Mentia.Core.Sweeps.TrainingRun.Key).</summary>
    [JsonInclude] public string Key { get; private set; } = "";
    [JsonInclude] public RunStage Stage { get; internal set; }
    /// <summary>Bumped on every retraining; reports for an older attempt are stale and ignored.</summary>
    [JsonInclude] public int Attempt { get; internal set; }
    /// <summary>The worker (silo) whose device holds the training, while it trains.</summary>
    [JsonInclude] public string? Worker { get; internal set; }
    /// <summary>When the current training was handed to <see cref="Worker"/> (supervision's deadlines count from here).</summary>
    [JsonInclude] public DateTimeOffset? DispatchedAt { get; internal set; }
    /// <summary>The stored weights, once trained.</summary>
    [JsonInclude] public StoredModel? Model { get; internal set; }
    /// <summary>How many chunks this run's evaluation is split into: fixed when its training is recorded, so the result records keep their names across restarts.</summary>
    [JsonInclude] public int ChunkCount { get; internal set; }
    /// <summary>Evaluation chunks in flight: chunk index to the worker that holds it.</summary>
    [JsonInclude] public Dictionary<int, string> PendingChunks { get; private set; } = [];
    /// <summary>When each chunk in flight was handed over (absent in states written before deadlines: counted from activation).</summary>
    [JsonInclude] public Dictionary<int, DateTimeOffset> ChunkDispatchedAt { get; private set; } = [];
    /// <summary>Evaluation chunks whose result records are stored.</summary>
    [JsonInclude] public List<int> DoneChunks { get; private set; } = [];
    /// <summary>Trainings of this run that completed (1 unless it had to be trained again).</summary>
    [JsonInclude] public int Trainings { get; internal set; }
    /// <summary>Failures of the run's training or of its weights (each starts a new attempt).</summary>
    [JsonInclude] public int Failures { get; internal set; }
    /// <summary>Failures of single evaluation chunks (each only redoes that chunk).</summary>
    [JsonInclude] public int ChunkFailures { get; internal set; }
    /// <summary>Work of this run redone because nothing was heard from its worker in time (a training or a chunk); each doubles the next allowance.</summary>
    [JsonInclude] public int Overdue { get; internal set; }
    /// <summary>Dispatches of this run's work declined in a row by silos that cannot do it at all (reset by any accepted dispatch).</summary>
    [JsonInclude] public int Declines { get; internal set; }
    /// <summary>Times the worker holding this run's training left the cluster (each starts a new attempt).</summary>
    [JsonInclude] public int Lost { get; internal set; }
    [JsonInclude] public string? LastError { get; internal set; }

    /// <summary>Chunks neither in flight nor done.</summary>
    public IEnumerable<int> UndispatchedChunks() =>
        Enumerable.Range(0, ChunkCount).Where(c => !PendingChunks.ContainsKey(c) && !DoneChunks.Contains(c));

    /// <summary>A chunk is no longer in flight (recorded, failed or lost).</summary>
    internal void ReleaseChunk(int chunk)
    {
        PendingChunks.Remove(chunk);
        ChunkDispatchedAt.Remove(chunk);
    }

    internal void ForgetModel()
    {
        Worker = null;
        DispatchedAt = null;
        ChunkDispatchedAt.Clear();
        Model = null;
        ChunkCount = 0;
        PendingChunks.Clear();
        DoneChunks.Clear();
    }
}
