using Mentia.Core.Data;
using Mentia.Storage;

namespace Mentia.Grains.Execution;

/// <summary>
/// MNIST for this silo, loaded once: from the local cache when it is complete, otherwise first copied
/// (SHA-256 verified) from the datasets blob container, so every silo trains on the same bytes.
/// </summary>
public sealed class MnistProvider(DeviceExecutorOptions options, IBlobStore store)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MnistDataset? _data;

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
                if (!MnistStore.IsComplete(options.MnistCache))
                {
                    await DatasetBlobs.DownloadMnistAsync(store, options.MnistCache, ct);
                }
                _data = MnistDataset.Load(options.MnistCache);
            }
            return _data;
        }
        finally
        {
            _gate.Release();
        }
    }
}
