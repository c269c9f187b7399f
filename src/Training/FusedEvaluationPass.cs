using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Mentia.Training;

/// <summary>
/// One evaluation pass of the dropout evaluator (masks, every layer after the cached first one, bias, ReLU,
/// cross-entropy) fused row by row: a worker takes a block of test images, draws the block's masks, and carries
/// each image through the network in registers and L1, so no activation matrix is written between layers and both
/// cores run the whole pass (the reference ran its cross-entropy, ~40 % of a w100 pass, on one thread).
/// <para>
/// Bit identity with <see cref="DropoutEvaluatorReference"/>: every element-wise step is the same IEEE float
/// operation as there; the cross-entropy computes each row's term with the same expression and sums the terms in
/// row order. The products are <see cref="RowProducts"/>' FMA chains, which equal libtorch's (MKL in strict CBWR
/// mode) only where <see cref="RowProducts.MatchesLibTorch"/> has verified it for the shape; the caller checks
/// that before using this pass.
/// </para>
/// One instance per model and evaluation; its <see cref="Run"/> calls must not overlap (they share the per-row terms).
/// </summary>
internal sealed unsafe class FusedEvaluationPass
{
    // About 16 KiB of one layer's mask per block: a block's masks and the weights stay in L1/L2 while its rows run.
    private const int BlockFloats = 4096;

    [ThreadStatic]
    private static float[]? _scratch;

    private readonly float* _h1;
    private readonly float*[] _w;   // layer l = 1..depth: [in, Pad(out)], padding columns zero
    private readonly float*[] _b;   // layer l = 1..depth: Pad(out) floats, padding zero
    private readonly int _n;
    private readonly int _width;
    private readonly int _depth;
    private readonly int _padWidth;
    private readonly int _rowsPerBlock;
    private readonly byte[] _labels;
    private readonly double[] _terms;
    private readonly bool[] _correct;

    /// <summary>
    /// Prepares the pass over memory the caller keeps alive while it runs.
    /// </summary>
    /// <param name="h1">The cached ReLU output of hidden layer 0, [n, width] row-major.</param>
    /// <param name="paddedWeights">Index l = 1..depth (index 0 unused): layer l's weights as [in, <see cref="RowProducts.Pad"/>(out)], padding columns zero.</param>
    /// <param name="paddedBiases">Index l = 1..depth: layer l's bias, <see cref="RowProducts.Pad"/>(out) floats.</param>
    /// <param name="labels">The n labels, 0-9.</param>
    public FusedEvaluationPass(float* h1, float*[] paddedWeights, float*[] paddedBiases, int n, int width, int depth, byte[] labels)
    {
        _h1 = h1;
        _w = paddedWeights;
        _b = paddedBiases;
        _n = n;
        _width = width;
        _depth = depth;
        _padWidth = RowProducts.Pad(width);
        _rowsPerBlock = Math.Max(1, BlockFloats / width);
        _labels = labels;
        _terms = new double[n];
        _correct = new bool[n];
    }

    /// <summary>Whether this CPU can run the pass (512-bit FMA); elsewhere the reference runs.</summary>
    public static bool Supported => Avx512F.IsSupported;

    /// <summary>
    /// One pass: Σ over the n images of the cross-entropy (nats) and the number whose first largest logit is the
    /// label, with the masks of <see cref="MaskKeys.Layer"/>(callKey, l) at drop threshold thr and keep scale.
    /// </summary>
    public (double LossSum, int Correct) Run(ulong callKey, uint threshold, float scale, int threads)
    {
        var keys = new ulong[_depth];
        for (int l = 0; l < _depth; l++)
        {
            keys[l] = MaskKeys.Layer(callKey, l);
        }
        int blocks = (_n + _rowsPerBlock - 1) / _rowsPerBlock;
        KernelWorkers.For(blocks, threads, i => Block(i, keys, threshold, scale));
        // The reference adds the rows' terms in row order into one double: so does this.
        double total = 0;
        int correct = 0;
        for (int r = 0; r < _n; r++)
        {
            total += _terms[r];
            correct += _correct[r] ? 1 : 0;
        }
        return (total, correct);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Block(int block, ulong[] keys, uint threshold, float scale)
    {
        int r0 = block * _rowsPerBlock;
        int rows = Math.Min(_rowsPerBlock, _n - r0);
        int width = _width, pad = _padWidth;
        int maskFloats = rows * width;
        // Masks of every hidden layer, then four activation rows, two product rows and a pair's nonzero indices.
        int need = _depth * maskFloats + 6 * pad + width + Vector512<float>.Count; // nonzero: width + 16 ints
        var scratch = _scratch;
        if (scratch is null || scratch.Length < need)
        {
            _scratch = scratch = new float[need];
        }
        bool masked = threshold != 0;
        fixed (float* s = scratch)
        fixed (byte* labels = _labels)
        {
            if (masked)
            {
                for (int l = 0; l < _depth; l++)
                {
                    MaskStream.Fill(s + l * maskFloats, (long)r0 * width, maskFloats, keys[l], threshold, scale);
                }
            }
            float* aBufs = s + _depth * maskFloats; // four activation rows
            float* zBuf = aBufs + 4 * pad; // two rows
            int* nonzero = (int*)(zBuf + 2 * pad);
            float* logits = stackalloc float[4 * Vector512<float>.Count];
            var last = stackalloc IntPtr[4];
            float* outWeights = _w[_depth], outBias = _b[_depth];
            for (int r = 0; r < rows; r += 4)
            {
                int group = Math.Min(4, rows - r);
                for (int q = 0; q < group; q++)
                {
                    int i = r + q;
                    float* a = _h1 + (long)(r0 + i) * width;
                    if (masked)
                    {
                        Scale(a, s + i * width, aBufs + q * pad, width);
                        a = aBufs + q * pad;
                    }
                    last[q] = (IntPtr)a;
                }
                for (int l = 1; l < _depth; l++)
                {
                    float* b = _b[l];
                    float* m = masked ? s + l * maskFloats + r * width : null;
                    int q = 0;
                    for (; q + 1 < group; q += 2)
                    {
                        // Two rows share each weight vector loaded (the union of their nonzeros; a zero adds nothing).
                        float* a0 = (float*)last[q], a1 = (float*)last[q + 1];
                        int count = RowProducts.NonzeroEither(a0, a1, width, nonzero);
                        RowProducts.Chain2(a0, a1, nonzero, count, _w[l], pad, zBuf, zBuf + pad);
                        BiasReluMask(zBuf, b, m == null ? null : m + q * width, aBufs + q * pad, width);
                        BiasReluMask(zBuf + pad, b, m == null ? null : m + (q + 1) * width, aBufs + (q + 1) * pad, width);
                        last[q] = (IntPtr)(aBufs + q * pad);
                        last[q + 1] = (IntPtr)(aBufs + (q + 1) * pad);
                    }
                    if (q < group)
                    {
                        float* a = (float*)last[q];
                        int count = RowProducts.Nonzero(a, width, nonzero);
                        RowProducts.Chain(a, nonzero, count, _w[l], pad, zBuf);
                        BiasReluMask(zBuf, b, m == null ? null : m + q * width, aBufs + q * pad, width);
                        last[q] = (IntPtr)(aBufs + q * pad);
                    }
                }
                for (int q = group; q < 4; q++)
                {
                    last[q] = last[0]; // a short last group computes row 0's logits again and ignores them
                }
                RowProducts.Chain4Rows((float*)last[0], (float*)last[1], (float*)last[2], (float*)last[3], width, outWeights, logits);
                for (int q = 0; q < group; q++)
                {
                    float* z = logits + q * Vector512<float>.Count;
                    // The reference's logits.add_(bias): one float addition per logit.
                    (Vector512.Load(z) + Vector512.Load(outBias)).Store(z);
                    int row = r0 + r + q;
                    CrossEntropyRow(z, labels[row], out _terms[row], out _correct[row]);
                }
            }
        }
    }

    /// <summary>a = x ⊙ mask (the reference's layer-0 kernel with Relu off and no bias).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scale(float* x, float* mask, float* a, int cols)
    {
        int c = 0;
        for (; c + Vector512<float>.Count <= cols; c += Vector512<float>.Count)
        {
            (Vector512.Load(x + c) * Vector512.Load(mask + c)).Store(a + c);
        }
        for (; c < cols; c++)
        {
            a[c] = x[c] * mask[c];
        }
    }

    /// <summary>a = ReLU(z + bias) ⊙ mask, as the reference's kernel: x = z + b; x > 0 ? x · m : 0, with m = 1 unmasked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BiasReluMask(float* z, float* bias, float* mask, float* a, int cols)
    {
        int c = 0;
        var zero = Vector512<float>.Zero;
        for (; c + Vector512<float>.Count <= cols; c += Vector512<float>.Count)
        {
            var x = Vector512.Load(z + c) + Vector512.Load(bias + c);
            var m = mask == null ? Vector512<float>.One : Vector512.Load(mask + c);
            Vector512.ConditionalSelect(Vector512.GreaterThan(x, zero), x * m, zero).Store(a + c);
        }
        for (; c < cols; c++)
        {
            float x = z[c] + bias[c];
            float m = mask == null ? 1f : mask[c];
            a[c] = x > 0f ? x * m : 0f;
        }
    }

    /// <summary>One row of <see cref="Kernels.CrossEntropy"/>: the same operations in the same order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CrossEntropyRow(float* z, int y, out double term, out bool correct)
    {
        float max = z[0];
        int arg = 0;
        for (int c = 1; c < Fcnn.Classes; c++)
        {
            if (z[c] > max)
            {
                max = z[c];
                arg = c;
            }
        }
        double sum = 0;
        for (int c = 0; c < Fcnn.Classes; c++)
        {
            float d = z[c] - max;
            sum += d == 0f ? 1.0 : Math.Exp(d); // exp(±0) is exactly 1; the call is a tenth of the pass's exps
        }
        term = max + Math.Log(sum) - z[y];
        correct = arg == y;
    }
}
