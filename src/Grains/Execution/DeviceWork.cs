using Mentia.GrainInterfaces;

namespace Mentia.Grains.Execution;

/// <summary>What a device runs in one go: one evaluation chunk, or one ensemble of trainings.</summary>
public abstract record DeviceWork;

/// <summary>Runs that share an <see cref="Mentia.Core.Sweeps.EnsembleKey"/>, trained together as one batched ensemble.</summary>
public sealed record EnsembleWork(IReadOnlyList<TrainingWork> Runs) : DeviceWork;

/// <summary>One evaluation chunk of one stored run.</summary>
public sealed record ChunkWork(EvaluationWork Work) : DeviceWork;
