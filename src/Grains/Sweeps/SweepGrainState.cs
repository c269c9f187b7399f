using Mentia.GrainInterfaces;

namespace Mentia.Grains.Sweeps;

/// <summary>What a sweep grain persists: the spec, and each replica's stage. Enough to resume after a restart.</summary>
[GenerateSerializer, Alias("mentia.SweepGrainState")]
public sealed class SweepGrainState
{
    [Id(0)] public string? SpecText { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public DateTimeOffset SubmittedAt { get; set; }
    [Id(3)] public SweepState State { get; set; }
    [Id(4)] public Dictionary<string, ReplicaState> Replicas { get; set; } = [];
    [Id(5)] public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Replicas trained again after their silo was lost or their weights were unusable.</summary>
    [Id(6)] public int Retrained { get; set; }
    [Id(7)] public string? Message { get; set; }
    /// <summary>A counter that makes every evaluation dispatch a fresh grain.</summary>
    [Id(8)] public long Dispatches { get; set; }
}

/// <summary>One replica (training run) of the sweep.</summary>
[GenerateSerializer, Alias("mentia.ReplicaState")]
public sealed class ReplicaState
{
    [Id(0)] public ReplicaStage Stage { get; set; }
    /// <summary>Bumped on every retrain; reports from older attempts are ignored.</summary>
    [Id(1)] public int Attempt { get; set; }
    /// <summary>The silo whose device holds the training, while it trains.</summary>
    [Id(2)] public string? TrainingSilo { get; set; }
    [Id(3)] public TrainedModelRef? Model { get; set; }
    /// <summary>Evaluation chunks in flight: chunk index to the silo that holds it.</summary>
    [Id(4)] public Dictionary<int, string> PendingChunks { get; set; } = [];
    [Id(5)] public List<int> DoneChunks { get; set; } = [];
    /// <summary>How many trainings of this replica completed (1 unless it had to be redone).</summary>
    [Id(6)] public int Trainings { get; set; }
    [Id(7)] public string? LastError { get; set; }
    [Id(8)] public int Failures { get; set; }
    /// <summary>
    /// How many chunks this replica's evaluation is split into; fixed when its training is reported. 0 on a
    /// trained replica: stored by a version that kept results in cell grain state, so it is evaluated again.
    /// </summary>
    [Id(9)] public int ChunkCount { get; set; }
}
