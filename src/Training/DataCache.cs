using System.Runtime.CompilerServices;
using Mentia.Core.Data;
using static TorchSharp.torch;

namespace Mentia.Training;

/// <summary>Device copies of a split's pixels [count, 784] and labels [count] (int64), made once per split and device.</summary>
internal static class DataCache
{
    private static readonly ConditionalWeakTable<MnistSplit, Dictionary<string, (Tensor X, Tensor Y)>> Cache = new();

    public static (Tensor X, Tensor Y) Get(MnistSplit split, Device device)
    {
        var perDevice = Cache.GetOrCreateValue(split);
        lock (perDevice)
        {
            var key = device.ToString();
            if (!perDevice.TryGetValue(key, out var t))
            {
                var x = tensor(split.Pixels, [split.Count, Fcnn.Inputs]).to(device).DetachFromDisposeScope();
                var y = tensor(split.Labels.Select(b => (long)b).ToArray()).to(device).DetachFromDisposeScope();
                t = (x, y);
                perDevice[key] = t;
            }
            return t;
        }
    }
}

