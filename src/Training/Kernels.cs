// Over 250 lines on purpose: the engine's hand-written hot loops (masks, fused ReLU-dropout, Adam,
// cross-entropy) share their blocking and threading helpers, and the unsafe code is reviewed in one place.
using System.Numerics;

namespace Mentia.Training;

/// <summary>
/// Fused element-wise kernels over raw CPU tensor memory. libtorch would spend one pass over memory (and one
/// dispatch) per operation; these do bias + ReLU + mask + scale, or a whole Adam update, in one pass.
/// </summary>
internal static unsafe class Kernels
{
    private const int ScratchFloats = 8192;
    [ThreadStatic]
    private static float[]? _scratch; // a block's masks, one buffer per thread that runs blocks
    private const long ParallelThreshold = 1 << 15;

    /// <summary>One block of rows: a = mask ⊙ f(z + bias) with f = ReLU or identity; d (optional) = mask where z + bias > 0, else 0 (the backward factor).</summary>
    public struct ReluDropoutJob
    {
        public float* Z;
        public float* Bias;   // null: no bias
        public float* A;
        public float* D;      // null: not needed
        public int Rows;
        public int Cols;
        public long MaskIndex0; // mask element index of Z[0]
        public ulong Key;
        public uint Threshold; // 0: no dropout
        public float Scale;
        public bool Relu;
    }

    public static void ReluDropout(ReadOnlySpan<ReluDropoutJob> jobs, int threads)
    {
        // Split big jobs into row blocks so both cores get work; mask indices stay global, so results do not depend on the split.
        var blocks = new List<ReluDropoutJob>(jobs.Length);
        long total = 0;
        foreach (var job in jobs)
        {
            total += (long)job.Rows * job.Cols;
            int rowsPerBlock = Math.Max(1, 16384 / Math.Max(1, job.Cols));
            for (int r = 0; r < job.Rows; r += rowsPerBlock)
            {
                var b = job;
                long off = (long)r * job.Cols;
                b.Z = job.Z + off;
                b.A = job.A + off;
                b.D = job.D == null ? null : job.D + off;
                b.Rows = Math.Min(rowsPerBlock, job.Rows - r);
                b.MaskIndex0 = job.MaskIndex0 + off;
                blocks.Add(b);
            }
        }
        if (threads <= 1 || total < ParallelThreshold || blocks.Count == 1)
        {
            var scratch = stackalloc float[ScratchFloats];
            foreach (var b in blocks)
            {
                RunBlock(b, scratch);
            }
            return;
        }
        var arr = blocks.ToArray();
        KernelWorkers.For(arr.Length, threads, i =>
        {
            fixed (float* s = _scratch ??= new float[ScratchFloats])
            {
                RunBlock(arr[i], s);
            }
        });
    }

    private static void RunBlock(in ReluDropoutJob j, float* scratch)
    {
        int cols = j.Cols;
        int rowsPerChunk = Math.Max(1, ScratchFloats / Math.Max(1, cols));
        if (cols > ScratchFloats)
        {
            throw new NotSupportedException($"layer width {cols} exceeds the kernel's scratch ({ScratchFloats})");
        }
        bool masked = j.Threshold != 0;
        int vw = Vector<float>.Count;
        var zero = Vector<float>.Zero;
        for (int r0 = 0; r0 < j.Rows; r0 += rowsPerChunk)
        {
            int rows = Math.Min(rowsPerChunk, j.Rows - r0);
            long off = (long)r0 * cols;
            if (masked)
            {
                MaskStream.Fill(scratch, j.MaskIndex0 + off, rows * cols, j.Key, j.Threshold, j.Scale);
            }
            for (int r = 0; r < rows; r++)
            {
                float* z = j.Z + off + (long)r * cols;
                float* a = j.A + off + (long)r * cols;
                float* d = j.D == null ? null : j.D + off + (long)r * cols;
                float* m = scratch + (long)r * cols;
                int c = 0;
                for (; c + vw <= cols; c += vw)
                {
                    var x = Vector.Load(z + c);
                    if (j.Bias != null)
                    {
                        x += Vector.Load(j.Bias + c);
                    }
                    var mv = masked ? Vector.Load(m + c) : Vector<float>.One;
                    if (j.Relu)
                    {
                        var pos = Vector.GreaterThan(x, zero);
                        Vector.Store(Vector.ConditionalSelect(pos, x * mv, zero), a + c);
                        if (d != null)
                        {
                            Vector.Store(Vector.ConditionalSelect(pos, mv, zero), d + c);
                        }
                    }
                    else
                    {
                        Vector.Store(x * mv, a + c);
                        if (d != null)
                        {
                            Vector.Store(mv, d + c);
                        }
                    }
                }
                for (; c < cols; c++)
                {
                    float x = z[c] + (j.Bias != null ? j.Bias[c] : 0f);
                    float mv = masked ? m[c] : 1f;
                    bool pos = !j.Relu || x > 0f;
                    a[c] = pos ? x * mv : 0f;
                    if (d != null)
                    {
                        d[c] = pos ? mv : 0f;
                    }
                }
            }
        }
    }

    /// <summary>One contiguous range of parameters sharing a step size (one parameter tensor of one ensemble member).</summary>
    public struct AdamJob
    {
        public float* P;
        public float* G;
        public float* M;
        public float* V;
        public long Count;
        public float StepSize; // lr / (1 - beta1^t)
    }

    /// <summary>Adam (PyTorch's formula, no weight decay): m ← β1 m + (1-β1) g; v ← β2 v + (1-β2) g²; p ← p - step · m / (sqrt(v)/sqrt(1-β2^t) + ε). One pass over memory.</summary>
    public static void Adam(List<AdamJob> jobs, float beta1, float beta2, float eps, float invSqrtBc2, int threads)
    {
        const long Chunk = 1 << 16;
        var blocks = new List<AdamJob>(jobs.Count);
        long total = 0;
        foreach (var job in jobs)
        {
            total += job.Count;
            for (long o = 0; o < job.Count; o += Chunk)
            {
                var b = job;
                b.P += o; b.G += o; b.M += o; b.V += o;
                b.Count = Math.Min(Chunk, job.Count - o);
                blocks.Add(b);
            }
        }
        if (threads <= 1 || total < ParallelThreshold * 2)
        {
            foreach (var b in blocks)
            {
                AdamBlock(b, beta1, beta2, eps, invSqrtBc2);
            }
            return;
        }
        var arr = blocks.ToArray();
        KernelWorkers.For(arr.Length, threads, i => AdamBlock(arr[i], beta1, beta2, eps, invSqrtBc2));
    }

    private static void AdamBlock(in AdamJob j, float beta1, float beta2, float eps, float invSqrtBc2)
    {
        float ob1 = 1f - beta1, ob2 = 1f - beta2;
        int vw = Vector<float>.Count;
        var vb1 = new Vector<float>(beta1);
        var vob1 = new Vector<float>(ob1);
        var vb2 = new Vector<float>(beta2);
        var vob2 = new Vector<float>(ob2);
        var veps = new Vector<float>(eps);
        var vbc = new Vector<float>(invSqrtBc2);
        var vstep = new Vector<float>(j.StepSize);
        long i = 0;
        for (; i + vw <= j.Count; i += vw)
        {
            var g = Vector.Load(j.G + i);
            var m = vb1 * Vector.Load(j.M + i) + vob1 * g;
            var v = vb2 * Vector.Load(j.V + i) + vob2 * g * g;
            Vector.Store(m, j.M + i);
            Vector.Store(v, j.V + i);
            var denom = Vector.SquareRoot(v) * vbc + veps;
            Vector.Store(Vector.Load(j.P + i) - vstep * m / denom, j.P + i);
        }
        for (; i < j.Count; i++)
        {
            float g = j.G[i];
            float m = beta1 * j.M[i] + ob1 * g;
            float v = beta2 * j.V[i] + ob2 * g * g;
            j.M[i] = m;
            j.V[i] = v;
            j.P[i] -= j.StepSize * m / (MathF.Sqrt(v) * invSqrtBc2 + eps);
        }
    }

    /// <summary>
    /// Softmax cross-entropy over rows of logits with per-row weights (0 for padding rows): writes
    /// dLogits = weight · (softmax - onehot) and returns Σ weight · loss.
    /// </summary>
    public static double CrossEntropyGrad(float* logits, float* dLogits, int rows, int classes, ReadOnlySpan<int> labels, ReadOnlySpan<float> weights)
    {
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            float* z = logits + (long)r * classes;
            float* dz = dLogits + (long)r * classes;
            float w = weights[r];
            if (w == 0f)
            {
                new Span<float>(dz, classes).Clear();
                continue;
            }
            float max = z[0];
            for (int c = 1; c < classes; c++)
            {
                max = Math.Max(max, z[c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += Math.Exp(z[c] - max);
            }
            double lse = max + Math.Log(sum);
            int y = labels[r];
            total += w * (lse - z[y]);
            for (int c = 0; c < classes; c++)
            {
                dz[c] = (float)(w * Math.Exp(z[c] - lse));
            }
            dz[y] -= w;
        }
        return total;
    }

    /// <summary>Σ cross-entropy and the number of rows whose first largest logit is the label.</summary>
    public static (double LossSum, int Correct) CrossEntropy(float* logits, int rows, int classes, ReadOnlySpan<byte> labels)
    {
        double total = 0;
        int correct = 0;
        for (int r = 0; r < rows; r++)
        {
            float* z = logits + (long)r * classes;
            float max = z[0];
            int arg = 0;
            for (int c = 1; c < classes; c++)
            {
                if (z[c] > max)
                {
                    max = z[c];
                    arg = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += Math.Exp(z[c] - max);
            }
            int y = labels[r];
            total += max + Math.Log(sum) - z[y];
            if (arg == y)
            {
                correct++;
            }
        }
        return (total, correct);
    }
}
