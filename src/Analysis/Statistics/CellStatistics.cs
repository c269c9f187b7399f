namespace Mentia.Analysis.Statistics;

/// <summary>
/// Ensemble values of one cell over all n*m passes. Errors are bootstrap standard errors over the
/// training runs; they are null where fewer than two runs make a bootstrap meaningless, and the
/// Binder cumulant is null where the accuracies do not vary.
/// </summary>
public sealed record CellStatistics(
    double MeanLoss,
    double? MeanLossErr,
    double MeanAccuracy,
    double? MeanAccuracyErr,
    double? Binder,
    double? BinderErr,
    int Runs,
    int Passes,
    int BootstrapResamples);
