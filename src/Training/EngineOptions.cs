using TorchSharp;

namespace Mentia.Training;

/// <summary>
/// Where and how the engine runs. Device: "auto" (CUDA when the CUDA backend is loaded and a GPU is
/// visible, else CPU), "cpu" or "cuda". Threads: intra-op threads for libtorch and for the engine's own
/// element-wise kernels; 0 keeps libtorch's default.
/// </summary>
public sealed record EngineOptions(string Device = "auto", int Threads = 0)
{
    public static EngineOptions Default { get; } = new();

    /// <summary>Applies the thread count and resolves the device.</summary>
    internal torch.Device Apply()
    {
        if (Threads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "threads must be 0 (default) or positive");
        }
        TorchRuntime.SetThreads(Threads);
        return TorchRuntime.ResolveDevice(Device);
    }

    /// <summary>Threads the engine's own kernels may use.</summary>
    internal int KernelThreads => Threads > 0 ? Threads : Math.Max(1, torch.get_num_threads());
}
