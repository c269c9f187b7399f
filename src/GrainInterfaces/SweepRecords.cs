namespace Mentia.GrainInterfaces;

/// <summary>Where one training run (replica) is in its life.</summary>
[GenerateSerializer, Alias("mentia.ReplicaStage")]
public enum ReplicaStage
{
    Queued = 0,
    Training = 1,
    Evaluating = 2,
    Done = 3,
    Failed = 4,
}

/// <summary>Where a whole sweep is.</summary>
[GenerateSerializer, Alias("mentia.SweepState")]
public enum SweepState
{
    Running = 0,
    Done = 1,
    Cancelled = 2,
    Failed = 3,
}

/// <summary>A sweep's progress at one moment: counts per replica stage, evaluation passes, timing.</summary>
[GenerateSerializer, Alias("mentia.SweepProgress")]
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

/// <summary>One line of `mentia list`.</summary>
[GenerateSerializer, Alias("mentia.SweepListing")]
public sealed record SweepListing(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset SubmittedAt);

/// <summary>One replica as the sweep sees it: stage, attempt, trainings completed, where it runs.</summary>
[GenerateSerializer, Alias("mentia.ReplicaReport")]
public sealed record ReplicaReport(
    [property: Id(0)] string JobKey,
    [property: Id(1)] ReplicaStage Stage,
    [property: Id(2)] int Attempt,
    [property: Id(3)] int Trainings,
    [property: Id(4)] string? Silo,
    [property: Id(5)] string? LastError);
