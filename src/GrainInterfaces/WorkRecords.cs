namespace Mentia.GrainInterfaces;

/// <summary>
/// One training run to do. Carries only coordinates, seed and settings: the executor that runs it
/// reads MNIST locally and writes the weights to blob storage itself; tensors never travel in messages.
/// </summary>
[GenerateSerializer, Alias("mentia.TrainingWork")]
public sealed record TrainingWork(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string JobKey,
    [property: Id(2)] int Width,
    [property: Id(3)] int Depth,
    [property: Id(4)] double TrainRate,
    [property: Id(5)] int Size,
    [property: Id(6)] int Replica,
    [property: Id(7)] ulong Seed,
    [property: Id(8)] int Attempt,
    [property: Id(9)] string TrainingSettingsJson,
    [property: Id(10)] int GridIndex);

/// <summary>A trained model as the sweep records it: where its weights are and what its training did.</summary>
[GenerateSerializer, Alias("mentia.TrainedModelRef")]
public sealed record TrainedModelRef(
    [property: Id(0)] string JobKey,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string WeightsBlob,
    [property: Id(3)] string WeightsSha256,
    [property: Id(4)] int Epochs,
    [property: Id(5)] double BestValidationLoss,
    [property: Id(6)] string StopReason,
    [property: Id(7)] double Seconds,
    [property: Id(8)] string Silo);

/// <summary>One chunk of one trained model's evaluation: a few p_e values, m passes each.</summary>
[GenerateSerializer, Alias("mentia.EvaluationWork")]
public sealed record EvaluationWork(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string JobKey,
    [property: Id(2)] int Chunk,
    [property: Id(3)] double[] EvalRates,
    [property: Id(4)] int Passes,
    [property: Id(5)] ulong TrainingSeed,
    [property: Id(6)] string WeightsBlob,
    [property: Id(7)] string WeightsSha256,
    [property: Id(8)] int Width,
    [property: Id(9)] int Depth,
    [property: Id(10)] double TrainRate,
    [property: Id(11)] int Size,
    [property: Id(12)] int Attempt,
    [property: Id(13)] int ChunkCount);

/// <summary>Which stored evaluation record holds a chunk of a replica's results (see the results container).</summary>
[GenerateSerializer, Alias("mentia.ResultRecordRef")]
public sealed record ResultRecordRef(
    [property: Id(0)] string JobKey,
    [property: Id(1)] int Attempt,
    [property: Id(2)] int Chunk,
    [property: Id(3)] int ChunkCount);

/// <summary>The per-pass numbers of one trained model at one cell: what the cell aggregate records.</summary>
[GenerateSerializer, Alias("mentia.CellRecord")]
public sealed record CellRecord(
    [property: Id(0)] string RunKey,
    [property: Id(1)] double[] Losses,
    [property: Id(2)] double[] Accuracies);
