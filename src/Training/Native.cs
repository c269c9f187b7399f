using System.Runtime.InteropServices;
using TorchSharp;

namespace Mentia.Training;

/// <summary>Raw access to the memory of a contiguous CPU tensor, for the engine's fused kernels.</summary>
internal static unsafe class Native
{
    [DllImport("LibTorchSharp")]
    private static extern IntPtr THSTensor_data(IntPtr handle);

    /// <summary>Pointer to the first float of a contiguous float32 CPU tensor.</summary>
    public static float* F(torch.Tensor t)
    {
        if (t.dtype != torch.ScalarType.Float32 || t.device_type != DeviceType.CPU || !t.is_contiguous())
        {
            throw new InvalidOperationException($"kernel needs a contiguous float32 CPU tensor, got {t.dtype} on {t.device} (contiguous: {t.is_contiguous()})");
        }
        return (float*)THSTensor_data(t.Handle);
    }
}
