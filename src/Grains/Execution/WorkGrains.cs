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
public sealed class TrainingGrain(DeviceQueue queue, MnistProvider mnist) : Grain, ITrainingGrain
{
    public async Task<WorkAnswer> Start(TrainingWork work)
    {
        var answer = await WorkGrains.AnswerAsync(mnist, () => queue.TryAdd(work), RuntimeIdentity);
        if (answer.Silo is null)
        {
            DeactivateOnIdle(); // nothing was queued: each dispatch has a fresh key, so this activation has no further use
        }
        return answer;
    }
}

/// <summary>Queues one evaluation chunk on the device of a random silo, spreading a run's p_e chunks over the cluster.</summary>
[RandomPlacement]
public sealed class EvaluationGrain(DeviceQueue queue, MnistProvider mnist) : Grain, IEvaluationGrain
{
    public Task<WorkAnswer> Start(EvaluationWork work) => WorkGrains.AnswerAsync(mnist, () => queue.TryAdd(work), RuntimeIdentity);
}

internal static class WorkGrains
{
    /// <summary>
    /// A silo whose MNIST is known to be unusable declines all work, with the reason, so the work goes to a
    /// healthy silo instead of failing here and using up the run's failure budget.
    /// </summary>
    public static async Task<WorkAnswer> AnswerAsync(MnistProvider mnist, Func<bool> tryAdd, string silo)
    {
        // Only the silo's start waits here (the executor loads MNIST first thing); a wait, not a load, on this thread.
        await mnist.FirstAttempt.WaitAsync(TimeSpan.FromMinutes(2)).ContinueWith(_ => { }, TaskScheduler.Default);
        mnist.RetryIfDue();
        return mnist.Problem is { } problem ? new WorkAnswer(null, $"MNIST unusable on {silo}: {problem}")
            : tryAdd() ? new WorkAnswer(silo)
            : WorkAnswer.Full;
    }
}
