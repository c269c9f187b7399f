using System.Diagnostics;
using Mentia.TestSupport;
using TorchSharp;
using Xunit;

namespace Mentia.Training.Tests;

public class MemoryTests(ITestOutputHelper output)
{
    private static long Rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }

    [Fact]
    public void Two_hundred_small_trainings_leave_memory_flat()
    {
        var data = TestMnist.Load();
        var settings = TestRuns.Quick(1, 500);
        void Run(int i)
        {
            var m = i % 2 == 0
                ? SingleRunTrainer.Train(TestRuns.Run(20, 2, 0.2, 128, i), settings, data, TestRuns.Cpu, TestContext.Current.CancellationToken)
                : EnsembleTrainer.Train([TestRuns.Run(20, 2, 0.2, 128, i), TestRuns.Run(20, 2, 0.1, 64, i)], settings, data, TestRuns.Cpu, TestContext.Current.CancellationToken)[0];
            DropoutEvaluator.Evaluate(m.Weights, data.Test, [0.3], 1, m.Weights.Seed, TestRuns.Cpu, TestContext.Current.CancellationToken);
        }
        for (int i = 0; i < 20; i++)
        {
            Run(i); // warm-up: caches, allocator pools, JIT
        }
        long liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        long before = Rss();
        for (int i = 20; i < 200; i++)
        {
            Run(i);
        }
        long after = Rss();
        long liveAfter = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        output.WriteLine($"RSS {before / 1e6:F1} MB -> {after / 1e6:F1} MB; live tensors {liveBefore} -> {liveAfter}");
        Assert.Equal(liveBefore, liveAfter);
        Assert.True(after - before < 40_000_000, $"RSS grew by {(after - before) / 1e6:F1} MB over 180 trainings");
    }
}
