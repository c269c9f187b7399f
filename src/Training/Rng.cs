using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Mentia.Core.Random;

namespace Mentia.Training;

/// <summary>
/// The engine's random numbers. Everything derives from the seeds of <see cref="Mentia.Core.Sweeps.Seeds"/>:
/// sequential draws (subsets, batch order) use <see cref="SplitMixRng"/>; masks and initial weights use a
/// counter-based stream (SplitMix64 evaluated at key + (j+1)·γ), so element j of a mask depends only on
/// (key, j): the same numbers whatever the thread count, chunking, device or trainer (single or ensemble).
/// </summary>
internal static class Mix
{
    public const ulong Gamma = SplitMix64.Gamma;
    public const ulong C1 = SplitMix64.M1;
    public const ulong C2 = SplitMix64.M2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Finalize(ulong z) => SplitMix64.Finalize(z);

    public static ulong SplitMix(ulong x) => SplitMix64.Mix(x);

    /// <summary>A sub-key of a seed, e.g. (mask seed, step) or (pass seed, layer).</summary>
    public static ulong Key(ulong seed, ulong a) => SplitMix(SplitMix(seed) ^ SplitMix(a ^ 0x5851F42D4C957F2DUL));

    public static ulong Key(ulong seed, ulong a, ulong b) => Key(Key(seed, a), b);

    /// <summary>Element j of the counter stream of key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong At(ulong key, long j) => Finalize(key + (ulong)(j + 1) * Gamma);

    /// <summary>Drop threshold: an element is kept when its 32-bit uniform is at least this (P(drop) = p to 2^-32).</summary>
    public static uint Threshold(double p)
    {
        if (!(p >= 0.0 && p < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "dropout rate must be in [0, 1)");
        }
        return (uint)Math.Min(Math.Round(p * 4294967296.0), uint.MaxValue);
    }

    /// <summary>Uniform floats in [-bound, bound): element i from the counter stream of key (PyTorch's default Linear init distribution).</summary>
    public static void Uniform(Span<float> dst, ulong key, double bound)
    {
        for (int i = 0; i < dst.Length; i++)
        {
            double u = (At(key, i) >> 11) * (1.0 / 9007199254740992.0);
            dst[i] = (float)((2.0 * u - 1.0) * bound);
        }
    }
}

/// <summary>A sequential SplitMix64 generator.</summary>
internal struct SplitMixRng(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64() => SplitMix64.Next(ref _state);

    /// <summary>Uniform integer in [0, n), unbiased (Lemire).</summary>
    public int NextBelow(int n)
    {
        ulong range = (ulong)n;
        while (true)
        {
            ulong x = NextUInt64() >> 32;
            ulong m = x * range;
            if ((uint)m >= (uint)((0x1_0000_0000UL - range) % range))
            {
                return (int)(m >> 32);
            }
        }
    }

    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextBelow(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

/// <summary>Dropout masks from the counter stream: element e of a mask with key k is kept iff its 32-bit uniform ≥ threshold.</summary>
internal static unsafe class MaskStream
{
    /// <summary>
    /// The widest vectors the fill may use: 512 (AVX-512 with DQ's native 64-bit multiply, where the CPU has it),
    /// 256 (Vector&lt;T&gt;), or 0 (scalar). Every width writes the same bits; tests and the bench lower it to
    /// compare the paths.
    /// </summary>
    internal static int MaxVectorBits = 512;

    /// <summary>Writes mask values (0 when dropped, scale when kept) of elements [e0, e0 + count) to dst.</summary>
    public static void Fill(float* dst, long e0, int count, ulong key, uint threshold, float scale)
    {
        if (count <= 0)
        {
            return;
        }
        int i = 0;
        if ((e0 & 1) != 0)
        {
            // Odd start: the high half of pair e0/2.
            uint hi = (uint)(Mix.At(key, e0 >> 1) >> 32);
            dst[0] = hi >= threshold ? scale : 0f;
            i = 1;
        }
        long pair0 = (e0 + i) >> 1;
        int pairs = (count - i) >> 1;
        float* d = dst + i;
        int p = 0;
        if (MaxVectorBits >= 512 && Vector512.IsHardwareAccelerated && Avx512DQ.IsSupported)
        {
            // 8 pairs (16 mask elements) per step; vpmullq multiplies the 64-bit lanes natively, where
            // Vector<ulong> on AVX2 emulates each 64-bit product with three 32-bit ones.
            const int w = 8;
            var laneGamma = Vector512.Create(1UL, 2, 3, 4, 5, 6, 7, 8) * Mix.Gamma;
            var c1 = Vector512.Create(Mix.C1);
            var c2 = Vector512.Create(Mix.C2);
            var thr = Vector512.Create(threshold);
            var sc = Vector512.Create(scale).AsUInt32();
            for (; p + w <= pairs; p += w)
            {
                var z = Vector512.Create(key + (ulong)(pair0 + p) * Mix.Gamma) + laneGamma;
                z = (z ^ Vector512.ShiftRightLogical(z, 30)) * c1;
                z = (z ^ Vector512.ShiftRightLogical(z, 27)) * c2;
                z ^= Vector512.ShiftRightLogical(z, 31);
                var keep = Vector512.GreaterThanOrEqual(z.AsUInt32(), thr);
                (sc & keep).AsSingle().Store(d + 2 * p);
            }
        }
        if (MaxVectorBits >= 256 && Vector.IsHardwareAccelerated)
        {
            int w = Vector<ulong>.Count;
            Span<ulong> lanes = stackalloc ulong[w];
            for (int k = 0; k < w; k++)
            {
                lanes[k] = (ulong)(k + 1) * Mix.Gamma;
            }
            var laneGamma = new Vector<ulong>(lanes);
            var c1 = new Vector<ulong>(Mix.C1);
            var c2 = new Vector<ulong>(Mix.C2);
            var thr = new Vector<uint>(threshold);
            var sc = Vector.AsVectorUInt32(new Vector<float>(scale));
            for (; p + w <= pairs; p += w)
            {
                var z = new Vector<ulong>(key + (ulong)(pair0 + p) * Mix.Gamma) + laneGamma;
                z = (z ^ Vector.ShiftRightLogical(z, 30)) * c1;
                z = (z ^ Vector.ShiftRightLogical(z, 27)) * c2;
                z ^= Vector.ShiftRightLogical(z, 31);
                var keep = Vector.GreaterThanOrEqual(Vector.AsVectorUInt32(z), thr);
                Vector.Store(Vector.AsVectorSingle(sc & keep), d + 2 * p);
            }
        }
        for (; p < pairs; p++)
        {
            ulong z = Mix.At(key, pair0 + p);
            d[2 * p] = (uint)z >= threshold ? scale : 0f;
            d[2 * p + 1] = (uint)(z >> 32) >= threshold ? scale : 0f;
        }
        int done = i + 2 * pairs;
        if (done < count)
        {
            // Odd end: the low half of the last pair.
            uint lo = (uint)Mix.At(key, (e0 + done) >> 1);
            dst[done] = lo >= threshold ? scale : 0f;
        }
    }
}
