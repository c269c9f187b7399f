namespace Mentia.GrainInterfaces;

/// <summary>
/// Places one training run on an accelerator silo (key: sweep|run|a{attempt}|d{dispatch}) and queues it on that silo's
/// device. It returns at once, so no grain call stays open for a training and the sweep never waits on a queue.
/// </summary>
[Alias("mentia.ITrainingGrain")]
public interface ITrainingGrain : IGrainWithStringKey
{
    /// <summary>The silo that queued the work; or none when its queue is full, or declined with the reason when the silo cannot train at all (the sweep tries again later, elsewhere).</summary>
    [Alias("Start")]
    Task<WorkAnswer> Start(TrainingWork work);
}
