using TorchSharp;
using static TorchSharp.torch;

namespace Mentia.Training;

/// <summary>Mask tensors from the counter stream (CPU kernel, copied to the device when that is not the CPU).</summary>
internal static unsafe class Masks
{
    public static Tensor Tensor(long rows, int cols, long index0, ulong key, double rate, Device device)
    {
        uint thr = Mix.Threshold(rate);
        float scale = (float)(1.0 / (1.0 - rate));
        var m = empty([rows, cols], ScalarType.Float32, CPU);
        long total = rows * cols;
        float* p = Native.F(m);
        const int Chunk = 1 << 20;
        for (long o = 0; o < total; o += Chunk)
        {
            MaskStream.Fill(p + o, index0 + o, (int)Math.Min(Chunk, total - o), key, thr, scale);
        }
        return device.type == DeviceType.CPU ? m : m.to(device);
    }
}
