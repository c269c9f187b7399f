using Mentia.Grains.Placement;
using Mentia.GrainInterfaces;
using Orleans.Placement;

namespace Mentia.Grains.Execution;

/// <summary>
/// Places one training run on an accelerator silo and queues it on that silo's device. The grain is
/// only the placement: the call returns as soon as the work is queued, or declined when the queue is full.
/// </summary>
/// Random among the silos the filter keeps: Orleans' default placement favours the caller's silo, which
/// would pile a whole sweep's training onto the silo that hosts the sweep grain.
[AcceleratorPlacementFilter]
[RandomPlacement]
public sealed class TrainingGrain(DeviceQueue queue) : Grain, ITrainingGrain
{
    public Task<string?> Start(TrainingWork work) => Task.FromResult(Accept(queue.TryAdd(work)));

    /// <summary>Declined work lets this activation go, so the retry (same key) may be placed on another silo.</summary>
    private string? Accept(bool queued)
    {
        if (!queued)
        {
            DeactivateOnIdle();
        }
        return queued ? RuntimeIdentity : null;
    }
}

/// <summary>Queues one evaluation chunk on the device of a random silo, spreading a run's p_e chunks over the cluster.</summary>
[RandomPlacement]
public sealed class EvaluationGrain(DeviceQueue queue) : Grain, IEvaluationGrain
{
    public Task<string?> Start(EvaluationWork work) => Task.FromResult(queue.TryAdd(work) ? RuntimeIdentity : null);
}
