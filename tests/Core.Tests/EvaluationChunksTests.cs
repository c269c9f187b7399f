using Mentia.Core.Sweeps;
using Xunit;

namespace Mentia.Core.Tests;

public class EvaluationChunksTests
{
    private static readonly double[] Rates = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    [Theory]
    [InlineData(1, new[] { 10 })]
    [InlineData(2, new[] { 5, 5 })]
    [InlineData(3, new[] { 4, 3, 3 })]
    [InlineData(4, new[] { 3, 3, 2, 2 })]
    [InlineData(10, new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 })]
    public void Chunks_cover_every_rate_once_in_grid_order_with_sizes_differing_by_at_most_one(int count, int[] sizes)
    {
        var chunks = EvaluationChunks.Split(Rates, count);
        Assert.Equal(sizes, chunks.Select(c => c.Length));
        Assert.Equal(Rates, chunks.SelectMany(c => c));
    }

    [Fact]
    public void The_count_is_clamped_to_the_number_of_rates()
    {
        Assert.Equal(10, EvaluationChunks.Split(Rates, 25).Count);
        Assert.Single(EvaluationChunks.Split(Rates, 0));
        Assert.Empty(EvaluationChunks.Split([], 3));
    }

    [Theory]
    [InlineData(1, 10, 1)]
    [InlineData(3, 10, 3)]
    [InlineData(16, 10, 10)]
    [InlineData(0, 10, 1)]
    [InlineData(4, 1, 1)]
    public void One_chunk_per_silo_and_never_more_than_there_are_rates(int silos, int rates, int expected) =>
        Assert.Equal(expected, EvaluationChunks.CountFor(silos, rates));

    [Fact]
    public void Size_and_index_of_a_rate_agree_with_the_split_for_every_partition()
    {
        for (int rates = 1; rates <= 23; rates++)
        {
            var list = Enumerable.Range(0, rates).Select(i => i / 100.0).ToList();
            for (int count = 1; count <= rates + 2; count++)
            {
                var chunks = EvaluationChunks.Split(list, count);
                for (int c = 0; c < chunks.Count; c++)
                {
                    Assert.Equal(chunks[c].Length, EvaluationChunks.SizeOf(c, rates, count));
                }
                for (int i = 0; i < rates; i++)
                {
                    Assert.Contains(list[i], chunks[EvaluationChunks.IndexOf(i, rates, count)]);
                }
            }
        }
    }
}
