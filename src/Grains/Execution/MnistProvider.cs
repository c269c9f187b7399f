using Mentia.Core.Data;
using Mentia.Storage;

namespace Mentia.Grains.Execution;

/// <summary>
/// MNIST for this silo, loaded once: from the local cache when it is complete, otherwise first copied
/// (SHA-256 verified) from the datasets blob container, so every silo trains on the same bytes. A local copy
/// that fails its hash is fetched again from the container (the record of truth); when that fails too, the
/// reason is kept in <see cref="Problem"/> (the silo's readiness probe reports it) and every caller gets it.
/// </summary>
public sealed class MnistProvider(DeviceExecutorOptions options, IBlobStore store)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MnistDataset? _data;

    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Why the last load failed; null once loaded (or before the first try).</summary>
    public string? Problem { get; private set; }

    /// <summary>
    /// After a failed load, tries again in the background at most once per <see cref="DeviceExecutorOptions.MnistRetryInterval"/>:
    /// the operator may have uploaded the datasets (`mentia data upload`) or fixed the folder, and the silo recovers
    /// without a restart. Called by the work grains and the readiness probe.
    /// </summary>
    public void RetryIfDue()
    {
        var interval = options.MnistRetryInterval;
        var last = Interlocked.Read(ref _lastTry);
        var now = Environment.TickCount64;
        if (Problem is null || now - last < interval.TotalMilliseconds || Interlocked.CompareExchange(ref _lastTry, now, last) != last)
        {
            return;
        }
        _ = Task.Run(() => GetAsync(CancellationToken.None)).ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }

    private long _lastTry = Environment.TickCount64;

    /// <summary>Completes when the first load has succeeded or failed (the device executor makes it at start): until then <see cref="Problem"/> says nothing.</summary>
    public Task FirstAttempt => _firstAttempt.Task;

    public async Task<MnistDataset> GetAsync(CancellationToken ct)
    {
        if (_data is { } ready)
        {
            return ready;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (_data is null)
            {
                try
                {
                    _data = await LoadAsync(ct);
                    Problem = null;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Problem = ex.Message;
                    Interlocked.Exchange(ref _lastTry, Environment.TickCount64);
                    throw;
                }
                finally
                {
                    _firstAttempt.TrySetResult();
                }
            }
            return _data;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<MnistDataset> LoadAsync(CancellationToken ct)
    {
        if (!MnistStore.IsComplete(options.MnistCache))
        {
            await DatasetBlobs.DownloadMnistAsync(store, options.MnistCache, ct);
        }
        try
        {
            return MnistDataset.Load(options.MnistCache);
        }
        catch (DataFormatException local)
        {
            try
            {
                await DatasetBlobs.DownloadMnistAsync(store, options.MnistCache, ct, replace: true);
            }
            catch (Exception again) when (again is not OperationCanceledException)
            {
                throw new DataFormatException($"{local.Message}; fetching a fresh copy from blob storage failed too: {again.Message}");
            }
            return MnistDataset.Load(options.MnistCache);
        }
    }
}
