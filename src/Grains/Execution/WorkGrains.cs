using Mentia.Grains.Placement;
using Mentia.GrainInterfaces;

namespace Mentia.Grains.Execution;

/// <summary>
/// Places one training run on an accelerator silo and queues it on that silo's device. The grain is
/// only the placement: the call returns as soon as the work is queued.
/// </summary>
[AcceleratorPlacementFilter]
public sealed class TrainingGrain(DeviceExecutor executor) : Grain, ITrainingGrain
{
    public async Task<string> Start(TrainingWork work)
    {
        await executor.EnqueueAsync(new TrainItem(work));
        return RuntimeIdentity;
    }
}

/// <summary>Queues one evaluation chunk on the device of the silo it was placed on (Orleans' default placement weighs silo load).</summary>
public sealed class EvaluationGrain(DeviceExecutor executor) : Grain, IEvaluationGrain
{
    public async Task<string> Start(EvaluationWork work)
    {
        await executor.EnqueueAsync(new EvaluateItem(work));
        return RuntimeIdentity;
    }
}
