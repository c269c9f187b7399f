namespace Mentia.Training;

/// <summary>PyTorch's default nn.Linear initialisation, from our counter stream.</summary>
internal static class Init
{
    /// <summary>Weight [out, in] (row-major) and bias [out] of layer l, each U(-1/sqrt(in), 1/sqrt(in)).</summary>
    public static (float[] Weight, float[] Bias) Layer(ulong initSeed, int l, int inputs, int outputs)
    {
        double bound = 1.0 / Math.Sqrt(inputs);
        var w = new float[inputs * outputs];
        var b = new float[outputs];
        Mix.Uniform(w, Mix.Key(initSeed, (ulong)l, 0), bound);
        Mix.Uniform(b, Mix.Key(initSeed, (ulong)l, 1), bound);
        return (w, b);
    }
}

