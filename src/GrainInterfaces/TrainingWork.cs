using Mentia.Core.Specs;
using Mentia.Core.Sweeps;

namespace Mentia.GrainInterfaces;

/// <summary>
/// One training run to do, as the Core records it is made of: the executor reads MNIST locally and writes
/// the weights to blob storage itself; tensors never travel in messages.
/// </summary>
/// <param name="GridIndex">The run's position in the sweep's grid: executors keep queued runs in this order, so ensembles form as `mentia run` forms them.</param>
[GenerateSerializer, Immutable, Alias("mentia.TrainingWork")]
public sealed record TrainingWork(
    [property: Id(0)] string SweepId,
    [property: Id(1)] TrainingRun Run,
    [property: Id(2)] TrainingSettings Settings,
    [property: Id(3)] int Attempt,
    [property: Id(4)] int GridIndex)
{
    public EnsembleKey Ensemble => EnsembleKey.Of(Run, Settings);
}
