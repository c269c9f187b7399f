using Mentia.GrainInterfaces;

namespace Mentia.Grains.Execution;

/// <summary>What a device executor can be asked to do.</summary>
internal abstract record WorkItem;

internal sealed record TrainItem(TrainingWork Work) : WorkItem;

internal sealed record EvaluateItem(EvaluationWork Work) : WorkItem;
