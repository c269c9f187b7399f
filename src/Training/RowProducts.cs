// Over 250 lines on purpose: the one-row, two-row and four-row products and the check that compares them with
// libtorch belong together, since the evaluator may use a product only where that check ran on the same code.
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static TorchSharp.torch;

namespace Mentia.Training;

/// <summary>
/// Row-times-matrix products as libtorch computes them on this machine: out[j] = the FMA chain
/// c ← fma(a[k], w[k, j], c) over k = 0, 1, ..., K-1 from c = +0, one rounding per step.
/// <para>
/// Why that order: libtorch-cpu's <c>addmm</c> runs MKL's sgemm in strict CBWR mode (<see cref="NativeTuning"/>),
/// and on the dev machine (Intel Xeon, AVX-512) its result for K ≤ 256 equals this chain in every element, and does
/// not change when the rows are cut into blocks (measured for K = 33-256, N = K and N = 10, 10,000 rows; at K = 400
/// MKL blocks K and the orders differ). Nothing in MKL's documentation promises it, so the evaluator uses these
/// products only for shapes where <see cref="MatchesLibTorch"/> compared them with libtorch on the model's own data
/// (a product's order of operations does not depend on the data, so one comparison per shape and process settles it).
/// </para>
/// <para>
/// Zero inputs are skipped (a ReLU-and-dropout row is mostly zeros): with finite weights, fma(0, w, c) = c except
/// that c = -0 becomes +0, and c is -0 only after a product underflows below 2^-149; even then only the sign of a
/// zero differs, which the next ReLU or the output bias erases. The caller therefore requires finite weights.
/// </para>
/// </summary>
internal static unsafe class RowProducts
{
    private static readonly ConcurrentDictionary<(int Rows, int Inner, int Outputs, bool FourRows), bool> Verified = new();

    /// <summary>The output count rounded up to whole 512-bit vectors (16 floats): the padded width of weights and results.</summary>
    public static int Pad(int outputs) => (outputs + Vector512<float>.Count - 1) / Vector512<float>.Count * Vector512<float>.Count;

    /// <summary>
    /// Writes the indices k with a[k] ≠ 0 (NaN included, -0 not) to nonzero, in increasing order; returns how many.
    /// nonzero needs room for cols + 16 ints (whole vectors are stored).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Nonzero(float* a, int cols, int* nonzero)
    {
        int count = 0, k = 0;
        var lanes = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        for (; k + Vector512<float>.Count <= cols; k += Vector512<float>.Count)
        {
            // AVX-512's compress packs the kept lanes' indices together: no branch per element (the pattern is random).
            var keep = ~Vector512.Equals(Vector512.Load(a + k), Vector512<float>.Zero).AsInt32();
            Avx512F.Compress(Vector512<int>.Zero, keep, lanes + Vector512.Create(k)).Store(nonzero + count);
            count += BitOperations.PopCount(keep.ExtractMostSignificantBits());
        }
        for (; k < cols; k++)
        {
            nonzero[count] = k;
            count += a[k] != 0f ? 1 : 0;
        }
        return count;
    }

    /// <summary>
    /// dst[0, stride) = the chain over the listed k of a[k] · w[k, ·], w row-major [K, stride] with stride a multiple of 16.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Chain(float* a, int* nonzero, int count, float* w, int stride, float* dst)
    {
        int vectors = stride / Vector512<float>.Count;
        int t = 0;
        for (; t + 8 <= vectors; t += 8)
        {
            Tile<V8>(a, nonzero, count, w + t * 16, stride, dst + t * 16);
        }
        float* wt = w + t * 16, dt = dst + t * 16;
        switch (vectors - t)
        {
            case 1: Tile<V1>(a, nonzero, count, wt, stride, dt); break;
            case 2: Tile<V2>(a, nonzero, count, wt, stride, dt); break;
            case 3: Tile<V3>(a, nonzero, count, wt, stride, dt); break;
            case 4: Tile<V4>(a, nonzero, count, wt, stride, dt); break;
            case 5: Tile<V5>(a, nonzero, count, wt, stride, dt); break;
            case 6: Tile<V6>(a, nonzero, count, wt, stride, dt); break;
            case 7: Tile<V7>(a, nonzero, count, wt, stride, dt); break;
        }
    }

    /// <summary>
    /// Writes the indices k where a0[k] or a1[k] is nonzero (as <see cref="Nonzero"/>) to nonzero; returns how many.
    /// nonzero needs room for cols + 16 ints.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int NonzeroEither(float* a0, float* a1, int cols, int* nonzero)
    {
        int count = 0, k = 0;
        var lanes = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        for (; k + Vector512<float>.Count <= cols; k += Vector512<float>.Count)
        {
            var zero = Vector512.Equals(Vector512.Load(a0 + k), Vector512<float>.Zero) & Vector512.Equals(Vector512.Load(a1 + k), Vector512<float>.Zero);
            var keep = ~zero.AsInt32();
            Avx512F.Compress(Vector512<int>.Zero, keep, lanes + Vector512.Create(k)).Store(nonzero + count);
            count += BitOperations.PopCount(keep.ExtractMostSignificantBits());
        }
        for (; k < cols; k++)
        {
            nonzero[count] = k;
            count += a0[k] != 0f || a1[k] != 0f ? 1 : 0;
        }
        return count;
    }

    /// <summary>
    /// Two rows at once over the union of their nonzero indices: dst0 and dst1 as <see cref="Chain"/> would give for
    /// each row alone (a term whose activation is zero adds an exact zero). Each weight vector loaded serves both
    /// rows, so the loop is bound by the FMAs rather than by reading the weights (which at w200 come from L2).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Chain2(float* a0, float* a1, int* nonzero, int count, float* w, int stride, float* dst0, float* dst1)
    {
        int vectors = stride / Vector512<float>.Count;
        int t = 0;
        for (; t + 8 <= vectors; t += 8)
        {
            Tile2<V8>(a0, a1, nonzero, count, w + t * 16, stride, dst0 + t * 16, dst1 + t * 16);
        }
        int o = t * 16;
        switch (vectors - t)
        {
            case 1: Tile2<V1>(a0, a1, nonzero, count, w + o, stride, dst0 + o, dst1 + o); break;
            case 2: Tile2<V2>(a0, a1, nonzero, count, w + o, stride, dst0 + o, dst1 + o); break;
            case 3: Tile2<V3>(a0, a1, nonzero, count, w + o, stride, dst0 + o, dst1 + o); break;
            case 4: Tile2<V4>(a0, a1, nonzero, count, w + o, stride, dst0 + o, dst1 + o); break;
            case 5: Tile2<V5>(a0, a1, nonzero, count, w + o, stride, dst0 + o, dst1 + o); break;
            case 6: Tile2<V6>(a0, a1, nonzero, count, w + o, stride, dst0 + o, dst1 + o); break;
            case 7: Tile2<V7>(a0, a1, nonzero, count, w + o, stride, dst0 + o, dst1 + o); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile2<T>(float* a0, float* a1, int* nonzero, int count, float* w, int stride, float* dst0, float* dst1) where T : struct, ITileSize
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        Vector512<float> d0 = default, d1 = default, d2 = default, d3 = default, d4 = default, d5 = default, d6 = default, d7 = default;
        for (int j = 0; j < count; j++)
        {
            int k = nonzero[j];
            var x = Vector512.Create(a0[k]);
            var y = Vector512.Create(a1[k]);
            float* wr = w + (long)k * stride;
            var v = Vector512.Load(wr);
            c0 = Avx512F.FusedMultiplyAdd(x, v, c0);
            d0 = Avx512F.FusedMultiplyAdd(y, v, d0);
            if (T.Vectors > 1) { v = Vector512.Load(wr + 16); c1 = Avx512F.FusedMultiplyAdd(x, v, c1); d1 = Avx512F.FusedMultiplyAdd(y, v, d1); }
            if (T.Vectors > 2) { v = Vector512.Load(wr + 32); c2 = Avx512F.FusedMultiplyAdd(x, v, c2); d2 = Avx512F.FusedMultiplyAdd(y, v, d2); }
            if (T.Vectors > 3) { v = Vector512.Load(wr + 48); c3 = Avx512F.FusedMultiplyAdd(x, v, c3); d3 = Avx512F.FusedMultiplyAdd(y, v, d3); }
            if (T.Vectors > 4) { v = Vector512.Load(wr + 64); c4 = Avx512F.FusedMultiplyAdd(x, v, c4); d4 = Avx512F.FusedMultiplyAdd(y, v, d4); }
            if (T.Vectors > 5) { v = Vector512.Load(wr + 80); c5 = Avx512F.FusedMultiplyAdd(x, v, c5); d5 = Avx512F.FusedMultiplyAdd(y, v, d5); }
            if (T.Vectors > 6) { v = Vector512.Load(wr + 96); c6 = Avx512F.FusedMultiplyAdd(x, v, c6); d6 = Avx512F.FusedMultiplyAdd(y, v, d6); }
            if (T.Vectors > 7) { v = Vector512.Load(wr + 112); c7 = Avx512F.FusedMultiplyAdd(x, v, c7); d7 = Avx512F.FusedMultiplyAdd(y, v, d7); }
        }
        c0.Store(dst0);
        d0.Store(dst1);
        if (T.Vectors > 1) { c1.Store(dst0 + 16); d1.Store(dst1 + 16); }
        if (T.Vectors > 2) { c2.Store(dst0 + 32); d2.Store(dst1 + 32); }
        if (T.Vectors > 3) { c3.Store(dst0 + 48); d3.Store(dst1 + 48); }
        if (T.Vectors > 4) { c4.Store(dst0 + 64); d4.Store(dst1 + 64); }
        if (T.Vectors > 5) { c5.Store(dst0 + 80); d5.Store(dst1 + 80); }
        if (T.Vectors > 6) { c6.Store(dst0 + 96); d6.Store(dst1 + 96); }
        if (T.Vectors > 7) { c7.Store(dst0 + 112); d7.Store(dst1 + 112); }
    }

    /// <summary>
    /// Four rows times a [K, 16] matrix at once, every k included (zeros too): out[q·16 + j] = the chain over
    /// k = 0..K-1 of a_q[k] · w[k, j]. One vector per row, so four independent chains hide the FMA latency that a
    /// single 16-wide chain would wait on at every k (the output layer has only 10 columns).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Chain4Rows(float* a0, float* a1, float* a2, float* a3, int inner, float* w, float* dst)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        for (int k = 0; k < inner; k++)
        {
            var wk = Vector512.Load(w + (long)k * 16);
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a0[k]), wk, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a1[k]), wk, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a2[k]), wk, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a3[k]), wk, c3);
        }
        c0.Store(dst);
        c1.Store(dst + 16);
        c2.Store(dst + 32);
        c3.Store(dst + 48);
    }

    /// <summary>
    /// Up to 8 columns of vectors at once, each its own accumulator in a register: 8 independent chains hide the
    /// FMA latency, and each w row is read once per input row. The JIT compiles one body per tile size.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // tier-0 code of this loop ran 5-15x slower for the first passes
    private static void Tile<T>(float* a, int* nonzero, int count, float* w, int stride, float* dst) where T : struct, ITileSize
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        for (int j = 0; j < count; j++)
        {
            int k = nonzero[j];
            var ak = Vector512.Create(a[k]);
            float* wr = w + (long)k * stride;
            c0 = Avx512F.FusedMultiplyAdd(ak, Vector512.Load(wr), c0);
            if (T.Vectors > 1) { c1 = Avx512F.FusedMultiplyAdd(ak, Vector512.Load(wr + 16), c1); }
            if (T.Vectors > 2) { c2 = Avx512F.FusedMultiplyAdd(ak, Vector512.Load(wr + 32), c2); }
            if (T.Vectors > 3) { c3 = Avx512F.FusedMultiplyAdd(ak, Vector512.Load(wr + 48), c3); }
            if (T.Vectors > 4) { c4 = Avx512F.FusedMultiplyAdd(ak, Vector512.Load(wr + 64), c4); }
            if (T.Vectors > 5) { c5 = Avx512F.FusedMultiplyAdd(ak, Vector512.Load(wr + 80), c5); }
            if (T.Vectors > 6) { c6 = Avx512F.FusedMultiplyAdd(ak, Vector512.Load(wr + 96), c6); }
            if (T.Vectors > 7) { c7 = Avx512F.FusedMultiplyAdd(ak, Vector512.Load(wr + 112), c7); }
        }
        c0.Store(dst);
        if (T.Vectors > 1) { c1.Store(dst + 16); }
        if (T.Vectors > 2) { c2.Store(dst + 32); }
        if (T.Vectors > 3) { c3.Store(dst + 48); }
        if (T.Vectors > 4) { c4.Store(dst + 64); }
        if (T.Vectors > 5) { c5.Store(dst + 80); }
        if (T.Vectors > 6) { c6.Store(dst + 96); }
        if (T.Vectors > 7) { c7.Store(dst + 112); }
    }

    /// <summary>
    /// Whether <see cref="Chain2"/> and <see cref="Chain"/> (or, with fourRows, <see cref="Chain4Rows"/>) reproduce libtorch's
    /// <c>addmm(0, a, w)</c> bit for bit for a [rows, inner] by [inner, outputs] product: computed once per shape and
    /// process on the data given (the caller passes the model's cached first-layer output and a later layer's weights).
    /// </summary>
    /// <param name="a">[rows, inner] float32, contiguous, CPU.</param>
    /// <param name="w">[inner, outputs] float32, contiguous, CPU: the layout the reference multiplies.</param>
    /// <param name="fourRows">Check <see cref="Chain4Rows"/> (outputs ≤ 16) instead of <see cref="Chain2"/> and <see cref="Chain"/>.</param>
    public static bool MatchesLibTorch(Tensor a, Tensor w, bool fourRows)
    {
        int rows = (int)a.shape[0], inner = (int)a.shape[1], outputs = (int)w.shape[1];
        if (fourRows && outputs > Vector512<float>.Count)
        {
            throw new ArgumentException($"four-row products have at most 16 outputs, got {outputs}", nameof(w));
        }
        return Verified.GetOrAdd((rows, inner, outputs, fourRows), _ => Compare(a, w, fourRows));
    }

    private static bool Compare(Tensor a, Tensor w, bool fourRows)
    {
        if (!Avx512F.IsSupported)
        {
            return false;
        }
        using var scope = NewDisposeScope();
        int rows = (int)a.shape[0], inner = (int)a.shape[1], outputs = (int)w.shape[1], stride = Pad(outputs);
        var expected = empty(rows, outputs);
        addmm_(expected, a, w, 0f, 1f);
        var padded = zeros(inner, stride);
        padded.narrow(1, 0, outputs).copy_(w);
        float* pa = Native.F(a), pw = Native.F(padded), pe = Native.F(expected);
        var nonzero = new int[inner + Vector512<int>.Count];
        var row = new float[4 * stride];
        fixed (int* nz = nonzero)
        fixed (float* r = row)
        {
            for (int i0 = 0; i0 < rows; i0 += 4)
            {
                int group = Math.Min(4, rows - i0);
                if (fourRows)
                {
                    // The output layer's products: four rows at a time, as the evaluator computes them.
                    float* a0 = pa + (long)i0 * inner;
                    Chain4Rows(a0, group > 1 ? a0 + inner : a0, group > 2 ? a0 + 2 * inner : a0, group > 3 ? a0 + 3 * inner : a0, inner, pw, r);
                }
                else
                {
                    // Hidden layers' products: rows in pairs, a lone row alone, as the evaluator computes them.
                    int q = 0;
                    for (; q + 1 < group; q += 2)
                    {
                        float* ai = pa + (long)(i0 + q) * inner;
                        Chain2(ai, ai + inner, nz, NonzeroEither(ai, ai + inner, inner, nz), pw, stride, r + q * stride, r + (q + 1) * stride);
                    }
                    if (q < group)
                    {
                        float* ai = pa + (long)(i0 + q) * inner;
                        Chain(ai, nz, Nonzero(ai, inner, nz), pw, stride, r + q * stride);
                    }
                }
                for (int q = 0; q < group; q++)
                {
                    float* ei = pe + (long)(i0 + q) * outputs;
                    for (int j = 0; j < outputs; j++)
                    {
                        if (BitConverter.SingleToInt32Bits(r[q * stride + j]) != BitConverter.SingleToInt32Bits(ei[j]))
                        {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /// <summary>A tile's width in 512-bit vectors, as a type so that each tile size gets its own compiled loop.</summary>
    private interface ITileSize
    {
        static abstract int Vectors { get; }
    }

    private readonly struct V1 : ITileSize { public static int Vectors => 1; }
    private readonly struct V2 : ITileSize { public static int Vectors => 2; }
    private readonly struct V3 : ITileSize { public static int Vectors => 3; }
    private readonly struct V4 : ITileSize { public static int Vectors => 4; }
    private readonly struct V5 : ITileSize { public static int Vectors => 5; }
    private readonly struct V6 : ITileSize { public static int Vectors => 6; }
    private readonly struct V7 : ITileSize { public static int Vectors => 7; }
    private readonly struct V8 : ITileSize { public static int Vectors => 8; }
}
