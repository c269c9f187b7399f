using TorchSharp;

namespace Mentia.Training;

/// <summary>Where tensors live and how many threads the CPU backend may use.</summary>
public static class TorchRuntime
{
    /// <summary>Whether this build has a CUDA backend and sees a GPU (loads libtorch).</summary>
    public static bool CudaAvailable => torch.cuda.is_available();

    /// <summary>Resolves "auto", "cpu" or "cuda" to a device; auto picks CUDA only when the CUDA backend is loaded and a GPU is visible.</summary>
    public static torch.Device ResolveDevice(string requested)
    {
        switch (requested.ToLowerInvariant())
        {
            case "cpu":
                return torch.CPU;
            case "cuda":
                if (!torch.cuda.is_available())
                {
                    throw new InvalidOperationException("device 'cuda' was asked for, but no CUDA backend or GPU is available (build with -p:TorchBackend=cuda on a GPU machine)");
                }
                return torch.CUDA;
            case "auto":
                return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
            default:
                throw new ArgumentException($"device must be one of auto, cpu, cuda (got '{requested}')", nameof(requested));
        }
    }

    /// <summary>Sets the intra-op thread count; 0 leaves libtorch's default.</summary>
    public static void SetThreads(int threads)
    {
        if (threads > 0)
        {
            torch.set_num_threads(threads);
        }
    }
}
