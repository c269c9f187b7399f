namespace Mentia.GrainInterfaces;

/// <summary>
/// Places one training run on an accelerator silo (key: sweep|run|a{attempt}) and queues it on that silo's
/// device. It returns at once, so no grain call stays open for a training and the sweep never waits on a queue.
/// </summary>
[Alias("mentia.ITrainingGrain")]
public interface ITrainingGrain : IGrainWithStringKey
{
    /// <summary>The silo that queued the work, or null when its queue is full (the sweep tries again later).</summary>
    [Alias("Start")]
    Task<string?> Start(TrainingWork work);
}
