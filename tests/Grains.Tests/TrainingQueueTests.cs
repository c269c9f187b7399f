using Mentia.Grains.Execution;
using Mentia.GrainInterfaces;
using Xunit;

namespace Mentia.Grains.Tests;

public class TrainingQueueTests
{
    private static TrainItem Item(string sweep, int gridIndex) =>
        new(new TrainingWork(sweep, $"job{gridIndex}", 64, 2, 0.0, 250, 0, 1, 0, "{}", gridIndex));

    [Fact]
    public void A_sweeps_trainings_are_kept_in_grid_order_whatever_order_they_arrive_in()
    {
        var queue = new LinkedList<TrainItem>();
        var arrival = Enumerable.Range(0, 64).OrderBy(i => (i * 37) % 64).ToList(); // a fixed shuffle
        Assert.NotEqual(Enumerable.Range(0, 64), arrival);
        foreach (var i in arrival)
        {
            TrainingQueue.Insert(queue, Item("a", i));
        }
        Assert.Equal(Enumerable.Range(0, 64), queue.Select(t => t.Work.GridIndex));
    }

    [Fact]
    public void Trainings_of_different_sweeps_keep_their_order_of_arrival()
    {
        var queue = new LinkedList<TrainItem>();
        foreach (var (sweep, i) in new[] { ("a", 3), ("a", 1), ("b", 0), ("a", 2), ("b", 5), ("b", 4) })
        {
            TrainingQueue.Insert(queue, Item(sweep, i));
        }
        // a's 2 arrived after b's 0: it stays behind it (never jumps a queue of another sweep), so no sweep starves another.
        Assert.Equal(["a1", "a3", "b0", "a2", "b4", "b5"], queue.Select(t => t.Work.SweepId + t.Work.GridIndex));
    }
}
