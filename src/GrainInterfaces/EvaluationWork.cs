using Mentia.Core.Ledger;
using Mentia.Core.Sweeps;

namespace Mentia.GrainInterfaces;

/// <summary>One chunk of one trained run's evaluation: a few p_e values, m passes each, from the stored model.</summary>
/// <param name="Record">The result record this chunk is stored as (run, attempt, chunk of count).</param>
[GenerateSerializer, Immutable, Alias("mentia.EvaluationWork")]
public sealed record EvaluationWork(
    [property: Id(0)] string SweepId,
    [property: Id(1)] TrainingRun Run,
    [property: Id(2)] ResultRecordRef Record,
    [property: Id(3)] double[] EvalRates,
    [property: Id(4)] int Passes,
    [property: Id(5)] StoredModel Model);
