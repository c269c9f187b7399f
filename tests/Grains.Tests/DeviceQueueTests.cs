using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.Grains.Execution;
using Mentia.GrainInterfaces;
using Xunit;

namespace Mentia.Grains.Tests;

public class DeviceQueueTests
{
    private static readonly TrainingSettings Settings = new();

    private static TrainingWork Training(string sweep, int gridIndex, int width = 64, TrainingSettings? settings = null) =>
        new(sweep, new TrainingRun(new Architecture(width, 2), 0.0, 250, gridIndex, (ulong)gridIndex), settings ?? Settings, 0, gridIndex);

    private static EvaluationWork Chunk(string run) =>
        new("s", new TrainingRun(new Architecture(64, 2), 0.0, 250, 0, 1), new Core.Ledger.ResultRecordRef(run, 0, 0, 1), [0.5], 2,
            new Core.Ledger.StoredModel(run, 0, "blob", "sha", 1, 0.1, "MaxEpochs", 1, "silo"));

    private static List<TrainingWork> Ensemble(DeviceQueue queue) =>
        Assert.IsType<EnsembleWork>(queue.Take(CancellationToken.None)).Runs.ToList();

    [Fact]
    public void A_sweeps_trainings_form_ensembles_in_grid_order_whatever_order_they_arrive_in()
    {
        var queue = new DeviceQueue(capacity: 100, maxEnsemble: 100);
        var arrival = Enumerable.Range(0, 64).OrderBy(i => (i * 37) % 64).ToList(); // a fixed shuffle
        Assert.NotEqual(Enumerable.Range(0, 64), arrival);
        foreach (var i in arrival)
        {
            Assert.True(queue.TryAdd(Training("a", i)));
        }
        Assert.Equal(Enumerable.Range(0, 64), Ensemble(queue).Select(t => t.GridIndex));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Trainings_of_different_sweeps_keep_their_order_of_arrival()
    {
        var queue = new DeviceQueue(100, maxEnsemble: 1);
        foreach (var (sweep, i) in new[] { ("a", 3), ("a", 1), ("b", 0), ("a", 2), ("b", 5), ("b", 4) })
        {
            queue.TryAdd(Training(sweep, i));
        }
        // a's 2 arrived after b's 0: it stays behind it (never jumps a queue of another sweep), so no sweep starves another.
        var order = Enumerable.Range(0, 6).Select(_ => Ensemble(queue).Single()).Select(t => t.SweepId + t.GridIndex);
        Assert.Equal(["a1", "a3", "b0", "a2", "b4", "b5"], order);
    }

    [Fact]
    public void An_ensemble_holds_one_ensemble_key_at_most_max_members()
    {
        var queue = new DeviceQueue(100, maxEnsemble: 3);
        var slow = Settings with { LearningRate = 1e-4 };
        foreach (var w in new[] { Training("a", 0), Training("a", 1, width: 32), Training("a", 2), Training("a", 3, settings: slow), Training("a", 4), Training("a", 5) })
        {
            queue.TryAdd(w);
        }
        Assert.Equal([0, 2, 4], Ensemble(queue).Select(t => t.GridIndex)); // width 64, default settings, capped at 3
        Assert.Equal([1], Ensemble(queue).Select(t => t.GridIndex));
        Assert.Equal([3], Ensemble(queue).Select(t => t.GridIndex));
        Assert.Equal([5], Ensemble(queue).Select(t => t.GridIndex));
    }

    [Fact]
    public void Evaluations_go_before_trainings()
    {
        var queue = new DeviceQueue(100, 16);
        queue.TryAdd(Training("a", 0));
        queue.TryAdd(Chunk("r1"));
        Assert.Equal("r1", Assert.IsType<ChunkWork>(queue.Take(CancellationToken.None)).Work.Record.RunKey);
        Assert.Single(Ensemble(queue));
    }

    [Fact]
    public void A_full_queue_declines_instead_of_making_the_caller_wait()
    {
        var queue = new DeviceQueue(capacity: 2, 16);
        Assert.True(queue.TryAdd(Training("a", 0)));
        Assert.True(queue.TryAdd(Chunk("r1")));
        Assert.False(queue.TryAdd(Training("a", 1)));
        Assert.False(queue.TryAdd(Chunk("r2")));
        queue.Take(CancellationToken.None);
        Assert.True(queue.TryAdd(Chunk("r2")));
    }

    [Fact]
    public void Take_waits_for_work_and_stops_when_cancelled()
    {
        var queue = new DeviceQueue(2, 16);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        Assert.Throws<OperationCanceledException>(() => queue.Take(cts.Token));
    }
}
