using Xunit;

namespace Mentia.Training.Tests;

public class KernelWorkersTests
{
    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(7, 1)]
    [InlineData(1000, 2)]
    [InlineData(1000, 4)]
    public void Every_index_runs_exactly_once(int count, int threads)
    {
        for (int repeat = 0; repeat < 50; repeat++)
        {
            var runs = new int[count];
            KernelWorkers.For(count, threads, i => Interlocked.Increment(ref runs[i]));
            Assert.All(runs, r => Assert.Equal(1, r));
        }
    }

    [Fact]
    public void A_helper_thread_takes_part_in_a_two_thread_loop()
    {
        // Each index spins ~20 µs, so the caller cannot finish 64 of them before a woken helper arrives.
        int helped = 0;
        for (int loop = 0; loop < 200 && helped == 0; loop++)
        {
            KernelWorkers.For(64, 2, _ =>
            {
                Thread.SpinWait(2000);
                if (Thread.CurrentThread.Name?.StartsWith("mentia-kernel-", StringComparison.Ordinal) == true)
                {
                    Interlocked.Increment(ref helped);
                }
            });
        }
        Assert.True(helped > 0, "no index ran on a kernel helper thread");
    }

    [Fact]
    public void Loops_from_several_threads_at_once_each_complete_their_own_indices()
    {
        // One loop holds the helpers; the others run alone on their callers. Each must still see every index once.
        const int Callers = 6, Count = 500;
        var runs = new int[Callers, Count];
        var threads = Enumerable.Range(0, Callers).Select(c => new Thread(() =>
        {
            for (int repeat = 0; repeat < 40; repeat++)
            {
                KernelWorkers.For(Count, 2, i => Interlocked.Increment(ref runs[c, i]));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        for (int c = 0; c < Callers; c++)
        {
            for (int i = 0; i < Count; i++)
            {
                Assert.Equal(40, runs[c, i]);
            }
        }
    }

    [Fact]
    public void An_exception_in_the_body_reaches_the_caller_and_the_helpers_keep_working()
    {
        var error = Assert.Throws<AggregateException>(() => KernelWorkers.For(100, 2, i =>
        {
            if (i == 57)
            {
                throw new InvalidOperationException("block 57");
            }
        }));
        Assert.Equal("block 57", Assert.IsType<InvalidOperationException>(error.InnerException).Message);

        var runs = new int[100];
        KernelWorkers.For(100, 2, i => Interlocked.Increment(ref runs[i]));
        Assert.All(runs, r => Assert.Equal(1, r));
    }
}
