using Orleans.Concurrency;

namespace Mentia.GrainInterfaces;

/// <summary>
/// One submitted sweep (key: sweep id). Owns the spec, the grid, every replica's stage and the
/// dispatching; its state is persisted so a restarted cluster resumes without redoing finished replicas.
/// </summary>
[Alias("mentia.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Validates and stores the spec, expands the grid and starts dispatching. Idempotent for the same spec text.</summary>
    [Alias("Submit")]
    Task<SweepProgress> Submit(string specText);

    // Reads interleave with the sweep's own work: a sweep busy dispatching or waiting on a lost silo must
    // still answer watchers, and the aggregates that need its spec to activate.
    [Alias("GetProgress")]
    [AlwaysInterleave]
    Task<SweepProgress> GetProgress();

    /// <summary>Every replica's stage, attempt and training count.</summary>
    [Alias("GetReplicas")]
    [AlwaysInterleave]
    Task<IReadOnlyList<ReplicaReport>> GetReplicas();

    /// <summary>The spec as submitted (YAML or JSON text).</summary>
    [Alias("GetSpecText")]
    [AlwaysInterleave]
    Task<string?> GetSpecText();

    /// <summary>Stops dispatching; work in flight finishes but is not followed up.</summary>
    [Alias("Cancel")]
    Task Cancel();

    /// <summary>
    /// The stored evaluation records holding a cell's runs so far (key: the cell's grain key): what a cell
    /// aggregate activating after a restart or an idle spell rebuilds itself from.
    /// </summary>
    [Alias("GetResultRecords")]
    [AlwaysInterleave]
    Task<IReadOnlyList<ResultRecordRef>> GetResultRecords(string cellKey);

    /// <summary>An executor trained replicas (one ensemble) and wrote their weights: one report, one state write.</summary>
    [Alias("ReportTrained")]
    Task ReportTrained(IReadOnlyList<TrainedModelRef> models);

    /// <summary>An executor evaluated one chunk of a replica, stored the record and gave it to the cell aggregates.</summary>
    [Alias("ReportEvaluated")]
    Task ReportEvaluated(string jobKey, int attempt, int chunk, int passes);

    /// <summary>An executor could not do a replica's work (e.g. its weights were corrupt): redo it.</summary>
    [Alias("ReportFailed")]
    Task ReportFailed(string jobKey, int attempt, string reason, bool retrain);

    /// <summary>A stored evaluation record is missing or corrupt: that chunk is evaluated again (the sweep reopens if it had finished).</summary>
    // One-way: a cell aggregate reports this while activating, and must not wait on a sweep that may be
    // waiting for a device queue that waits on that very cell.
    [Alias("ReportResultLost")]
    [OneWay]
    Task ReportResultLost(ResultRecordRef record, string reason);

    /// <summary>Re-dispatches work whose silo is gone and work never dispatched; called by a timer and a durable reminder.</summary>
    [Alias("Supervise")]
    Task Supervise();
}

/// <summary>The cluster's list of sweeps (a single grain, key 0).</summary>
[Alias("mentia.ISweepRegistryGrain")]
public interface ISweepRegistryGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task Register(SweepListing sweep);

    [Alias("List")]
    Task<IReadOnlyList<SweepListing>> List();
}

/// <summary>
/// Trains one replica (key: sweep/job#attempt). Placed on silos with an accelerator; it hands the work
/// to its silo's device executor and returns at once, so no grain call stays open for a training.
/// </summary>
[Alias("mentia.ITrainingGrain")]
public interface ITrainingGrain : IGrainWithStringKey
{
    /// <summary>Queues the work on this silo's device; returns the silo's address.</summary>
    [Alias("Start")]
    Task<string> Start(TrainingWork work);
}

/// <summary>Evaluates one chunk of p_e values of one trained model (key: sweep/job/chunk#attempt), on any silo with a free device.</summary>
[Alias("mentia.IEvaluationGrain")]
public interface IEvaluationGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task<string> Start(EvaluationWork work);
}
