namespace Mentia.Grains.Execution;

/// <summary>
/// The order a device executor keeps queued trainings in: each sweep's in grid order, so ensembles are formed
/// of neighbouring replicas (one p_t, every N) as `mentia run` forms them, whatever order the parallel
/// dispatch calls arrived in. An ensemble runs as long as its longest member: grouping alike replicas wastes
/// the least. Trainings of different sweeps keep their order of arrival.
/// </summary>
internal static class TrainingQueue
{
    public static void Insert(LinkedList<TrainItem> queue, TrainItem item)
    {
        var node = queue.Last;
        while (node is not null && node.Value.Work.SweepId == item.Work.SweepId && node.Value.Work.GridIndex > item.Work.GridIndex)
        {
            node = node.Previous;
        }
        if (node is null)
        {
            queue.AddFirst(item);
        }
        else
        {
            queue.AddAfter(node, item);
        }
    }
}
