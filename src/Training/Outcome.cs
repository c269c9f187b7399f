using Mentia.Core.Records;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;

namespace Mentia.Training;

/// <summary>Why a training run ended.</summary>
public enum StopReason
{
    /// <summary>The validation loss did not improve for EarlyStopPatience epochs.</summary>
    EarlyStopping,
    /// <summary>MaxEpochs were run.</summary>
    MaxEpochs,
}

/// <summary>Which weights a trained model keeps.</summary>
public enum KeptWeights
{
    /// <summary>Those of the epoch with the lowest validation loss (science.md's default).</summary>
    BestValidationEpoch,
}

/// <summary>One epoch of a run: mean training loss (at p_t, as trained), validation loss (as <see cref="TrainingOutcome.ValidationDropout"/> says) and the learning rate used.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double ValidationLoss, double LearningRate);

/// <summary>What one training run did. ValidationDropout and KeptWeights state the protocol choices science.md asks every output to carry.</summary>
public sealed record TrainingOutcome(
    TrainingRun Run,
    int EpochsRun,
    int BestEpoch,
    StopReason StopReason,
    double BestValidationLoss,
    IReadOnlyList<EpochRecord> Curve,
    TimeSpan WallTime,
    ValidationDropout ValidationDropout,
    KeptWeights KeptWeights,
    string Device,
    string Trainer);

/// <summary>A trained model: how it was trained, and its weights.</summary>
public sealed record TrainedModel(TrainingOutcome Outcome, ModelWeights Weights);
