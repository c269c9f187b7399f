using System.Text.Json.Serialization;

namespace Mentia.Analysis.Scaling;

/// <summary>One point of a finite-size-scaling line: tuning parameter P (p_e), size N, observable Y (&lt;L&gt;) and its error Dy.</summary>
public sealed record ScalingPoint([property: JsonPropertyName("p_e")] double P, [property: JsonPropertyName("N")] double N, double Y, double Dy);
