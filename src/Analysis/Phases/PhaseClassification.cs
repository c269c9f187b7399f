namespace Mentia.Analysis.Phases;

/// <summary>A phase with the reason it was given; Significance is alpha / AlphaErr where alpha exists.</summary>
public sealed record PhaseClassification(Phase Phase, string Reason, double? Significance);
