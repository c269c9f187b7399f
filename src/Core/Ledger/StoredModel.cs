namespace Mentia.Core.Ledger;

/// <summary>
/// A trained run as a worker reports it: where its weights are (blob name and SHA-256 of the stored
/// bytes) and what its training did. <paramref name="Attempt"/> is the ledger's attempt it answers;
/// a report for an older attempt is stale and ignored.
/// </summary>
/// <param name="Seconds">Wall-clock training time of the ensemble it was trained in, seconds.</param>
/// <param name="Worker">The silo whose device trained it.</param>
/// <param name="BestEpoch">The 1-based epoch whose weights were kept; 0 in reports written before it was recorded.</param>
/// <param name="LearningRateDrops">How often the plateau scheduler lowered the learning rate; -1 in older reports.</param>
/// <param name="Device">The torch device that trained it; empty in older reports.</param>
/// <param name="CurveBlob">The blob holding its training curve (one row per epoch); null in older reports or when storing it failed.</param>
public sealed record StoredModel(
    string RunKey,
    int Attempt,
    string WeightsBlob,
    string WeightsSha256,
    int Epochs,
    double BestValidationLoss,
    string StopReason,
    double Seconds,
    string Worker,
    int BestEpoch = 0,
    int LearningRateDrops = -1,
    string Device = "",
    string? CurveBlob = null);
