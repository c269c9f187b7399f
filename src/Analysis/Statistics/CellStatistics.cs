using System.Text.Json.Serialization;

namespace Mentia.Analysis.Statistics;

/// <summary>
/// Ensemble values of one cell over all n*m passes. Errors are bootstrap standard errors over the
/// training runs; they are null where fewer than two runs make a bootstrap meaningless, and the
/// Binder cumulant is null where the accuracies do not vary (their second central moment is zero or
/// at rounding level). BinderResamplesExcluded counts the bootstrap resamples left out of BinderErr
/// because their accuracies did not vary (e.g. one run with identical passes drawn n times).
/// </summary>
public sealed record CellStatistics(
    double MeanLoss,
    double? MeanLossErr,
    double MeanAccuracy,
    double? MeanAccuracyErr,
    double? Binder,
    double? BinderErr,
    [property: JsonPropertyName("replicas")] int Runs,
    int Passes,
    int BootstrapResamples,
    int BinderResamplesExcluded = 0);
