namespace Mentia.Core.Records;

/// <summary>The m passes of one evaluation rate: per-pass mean test cross-entropy and accuracy.</summary>
public sealed record RateEvaluation(double EvalRate, double[] Losses, double[] Accuracies);
