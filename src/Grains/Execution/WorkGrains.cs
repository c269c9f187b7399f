using Mentia.Grains.Placement;
using Mentia.GrainInterfaces;
using Orleans.Placement;

namespace Mentia.Grains.Execution;

/// <summary>
/// Places one training run on an accelerator silo and queues it on that silo's device. The grain is
/// only the placement: the call returns as soon as the work is queued.
/// </summary>
/// Random among the silos the filter keeps: Orleans' default placement favours the caller's silo, which
/// would pile a whole sweep's training onto the silo that hosts the sweep grain.
[AcceleratorPlacementFilter]
[RandomPlacement]
public sealed class TrainingGrain(DeviceExecutor executor) : Grain, ITrainingGrain
{
    public async Task<string> Start(TrainingWork work)
    {
        await executor.EnqueueAsync(new TrainItem(work));
        return RuntimeIdentity;
    }
}

/// <summary>Queues one evaluation chunk on the device of a random silo, spreading a model's p_e chunks over the cluster.</summary>
[RandomPlacement]
public sealed class EvaluationGrain(DeviceExecutor executor) : Grain, IEvaluationGrain
{
    public async Task<string> Start(EvaluationWork work)
    {
        await executor.EnqueueAsync(new EvaluateItem(work));
        return RuntimeIdentity;
    }
}
