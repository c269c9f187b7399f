using Mentia.Core.Ledger;
using Orleans.Concurrency;

namespace Mentia.GrainInterfaces;

/// <summary>The sweep as its users see it (the CLI, the live page): submit, follow, cancel.</summary>
[Alias("mentia.ISweepControl")]
public interface ISweepControl : IGrainWithStringKey
{
    /// <summary>Validates and stores the spec, expands the grid and starts dispatching. Idempotent for the same spec text.</summary>
    /// <exception cref="ArgumentException">The spec is invalid (every problem listed), or the id holds a different spec.</exception>
    [Alias("Submit")]
    Task<SweepProgress> Submit(string specText);

    // Reads interleave with the sweep's own work: a sweep busy dispatching must still answer watchers,
    // and the aggregates that need its spec to activate.
    [Alias("GetProgress")]
    [AlwaysInterleave]
    Task<SweepProgress> GetProgress();

    /// <summary>Every training run's stage, attempt, training count, worker and last error.</summary>
    [Alias("GetRuns")]
    [AlwaysInterleave]
    Task<IReadOnlyList<RunReport>> GetRuns();

    /// <summary>The stored model (weights, curve, how training went, which silo and device) of every trained run.</summary>
    [Alias("GetStoredModels")]
    [AlwaysInterleave]
    Task<IReadOnlyList<StoredModel>> GetStoredModels();

    /// <summary>The spec as submitted (YAML or JSON text); null when nothing was submitted under this id.</summary>
    [Alias("GetSpecText")]
    [AlwaysInterleave]
    Task<string?> GetSpecText();

    /// <summary>Stops dispatching; work in flight finishes but is not followed up.</summary>
    [Alias("Cancel")]
    Task Cancel();

    /// <summary>
    /// Reopens a cancelled or failed sweep: finished runs are kept, only what is missing is trained or
    /// evaluated, failed runs get a fresh failure budget. A running or done sweep is left as it is
    /// (<see cref="ResumePlan.Resumed"/> false).
    /// </summary>
    /// <exception cref="ArgumentException">Nothing was submitted under this id.</exception>
    [Alias("Resume")]
    Task<SweepResumed> Resume();
}
