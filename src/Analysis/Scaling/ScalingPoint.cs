namespace Mentia.Analysis.Scaling;

/// <summary>One point of a finite-size-scaling line: tuning parameter P (p_e), size N, observable Y (&lt;L&gt;) and its error Dy.</summary>
public sealed record ScalingPoint(double P, double N, double Y, double Dy);
