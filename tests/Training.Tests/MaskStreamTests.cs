using Xunit;

namespace Mentia.Training.Tests;

public unsafe class MaskStreamTests
{
    private static float[] Fill(long e0, int count, ulong key, double p)
    {
        var dst = new float[count];
        fixed (float* d = dst)
        {
            MaskStream.Fill(d, e0, count, key, Mix.Threshold(p), (float)(1 / (1 - p)));
        }
        return dst;
    }

    private static float Scalar(long e, ulong key, double p)
    {
        ulong z = Mix.At(key, e >> 1);
        uint u = (e & 1) == 0 ? (uint)z : (uint)(z >> 32);
        return u >= Mix.Threshold(p) ? (float)(1 / (1 - p)) : 0f;
    }

    [Fact]
    public void Vector_path_matches_the_scalar_definition_at_any_offset()
    {
        foreach (var (e0, count) in new[] { (0L, 1000), (1L, 999), (7L, 33), (1000L, 1), (1001L, 2) })
        {
            var got = Fill(e0, count, 42, 0.3);
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(Scalar(e0 + i, 42, 0.3), got[i]);
            }
        }
    }

    [Fact]
    public void Every_vector_width_writes_the_same_bits()
    {
        // 512 (AVX-512, where present), 256 (Vector<T>), 0 (scalar): odd starts, odd lengths, tails of every size.
        var saved = MaskStream.MaxVectorBits;
        try
        {
            foreach (var (e0, count) in new[] { (0L, 100_003), (1L, 999), (5L, 17), (12_345L, 31), (2L, 16), (3L, 40) })
            {
                var results = new[] { 512, 256, 0 }.Select(bits =>
                {
                    MaskStream.MaxVectorBits = bits;
                    return Fill(e0, count, 0xDEADBEEF, 0.37);
                }).ToList();
                Assert.Equal(results[2], results[0]);
                Assert.Equal(results[2], results[1]);
                for (int i = 0; i < count; i += 97)
                {
                    Assert.Equal(Scalar(e0 + i, 0xDEADBEEF, 0.37), results[0][i]);
                }
            }
        }
        finally
        {
            MaskStream.MaxVectorBits = saved;
        }
    }

    [Fact]
    public void Chunks_compose_to_the_whole()
    {
        var whole = Fill(0, 10_001, 7, 0.5);
        var parts = Fill(0, 3333, 7, 0.5).Concat(Fill(3333, 4000, 7, 0.5)).Concat(Fill(7333, 2668, 7, 0.5)).ToArray();
        Assert.Equal(whole, parts);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Drop_fraction_and_mean_match_the_rate(double p)
    {
        var m = Fill(0, 1_000_000, 123, p);
        double dropped = m.Count(v => v == 0f) / (double)m.Length;
        Assert.InRange(dropped, p - 0.003, p + 0.003);
        Assert.InRange(m.Average(v => (double)v), 0.99, 1.01); // inverted dropout keeps the mean
    }

    [Fact]
    public void Rates_outside_0_1_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Mix.Threshold(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mix.Threshold(-0.1));
    }
}
