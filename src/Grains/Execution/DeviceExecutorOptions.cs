namespace Mentia.Grains.Execution;

/// <summary>How a silo's device executor runs: which device, how many threads, how large an ensemble, where MNIST and blobs are.</summary>
public sealed record DeviceExecutorOptions
{
    public string Device { get; init; } = "auto";
    public int Threads { get; init; }
    public int MaxEnsemble { get; init; } = 16;
    /// <summary>Local MNIST cache; filled from the datasets blob container when empty.</summary>
    public string MnistCache { get; init; } = Path.Combine(Path.GetTempPath(), "mentia-mnist");
    public string StorageConnection { get; init; } = Mentia.Storage.AzuriteEndpoint.Default.ConnectionString;
    /// <summary>
    /// Models this silo trained whose weights it keeps in memory, so evaluating them here skips the blob
    /// round trip (the blob stays the record of truth, and every other silo reads it). 0 turns it off.
    /// </summary>
    public int WeightsCacheEntries { get; init; } = 256;
    /// <summary>
    /// Retries of each delivery step (a blob write, a report), with exponential backoff from 0.5 s to 30 s:
    /// the default 30 span minutes, enough for the cluster to move a lost silo's grains. What still fails is
    /// redone by the sweep's supervision when its deadline passes.
    /// </summary>
    public int DeliveryRetries { get; init; } = 30;
    /// <summary>How often a silo whose MNIST is unusable tries to load it again (while work arrives or probes ask).</summary>
    public TimeSpan MnistRetryInterval { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Queued work items a silo accepts before callers wait (back-pressure, not failure).</summary>
    public int QueueCapacity { get; init; } = 4096;
}
