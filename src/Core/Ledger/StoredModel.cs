namespace Mentia.Core.Ledger;

/// <summary>
/// A trained run as a worker reports it: where its weights are (blob name and SHA-256 of the stored
/// bytes) and what its training did. <paramref name="Attempt"/> is the ledger's attempt it answers;
/// a report for an older attempt is stale and ignored.
/// </summary>
/// <param name="Seconds">Wall-clock training time of the ensemble it was trained in, seconds.</param>
/// <param name="Worker">The silo whose device trained it.</param>
public sealed record StoredModel(
    string RunKey,
    int Attempt,
    string WeightsBlob,
    string WeightsSha256,
    int Epochs,
    double BestValidationLoss,
    string StopReason,
    double Seconds,
    string Worker);
