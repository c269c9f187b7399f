using Mentia.Core.Ledger;

namespace Mentia.GrainInterfaces;

/// <summary>A sweep's progress at one moment: training runs per stage, evaluation passes, timing.</summary>
[GenerateSerializer, Immutable, Alias("mentia.SweepProgress")]
public sealed record SweepProgress(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Name,
    [property: Id(2)] SweepState State,
    [property: Id(3)] int Replicas,
    [property: Id(4)] int Queued,
    [property: Id(5)] int Training,
    [property: Id(6)] int Evaluating,
    [property: Id(7)] int Done,
    [property: Id(8)] int Failed,
    [property: Id(9)] long PassesDone,
    [property: Id(10)] long PassesTotal,
    [property: Id(11)] DateTimeOffset SubmittedAt,
    [property: Id(12)] DateTimeOffset? FinishedAt,
    [property: Id(13)] int Retrained,
    [property: Id(14)] string? Message);
