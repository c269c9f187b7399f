using Mentia.Core.Records;
using System.Collections.Concurrent;
using Mentia.Training;

namespace Mentia.Grains.Execution;

/// <summary>
/// Weights of models this silo trained, keyed by blob name and SHA-256, oldest dropped first. A hit must
/// match the hash the sweep recorded, so a cached copy can never stand in for a different record.
/// </summary>
public sealed class WeightsCache(int capacity)
{
    private readonly ConcurrentDictionary<string, (string Sha256, ModelWeights Weights)> _entries = new();
    private readonly ConcurrentQueue<string> _order = new();

    public void Put(string blob, string sha256, ModelWeights weights)
    {
        if (capacity <= 0)
        {
            return;
        }
        _entries[blob] = (sha256, weights);
        _order.Enqueue(blob);
        while (_entries.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }
    }

    public bool TryGet(string blob, string sha256, out ModelWeights weights)
    {
        if (_entries.TryGetValue(blob, out var entry) && entry.Sha256 == sha256)
        {
            weights = entry.Weights;
            return true;
        }
        weights = null!;
        return false;
    }
}
