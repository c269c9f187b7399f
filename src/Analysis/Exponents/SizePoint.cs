using System.Text.Json.Serialization;

namespace Mentia.Analysis.Exponents;

/// <summary>The mean loss Y at training-set size N, with its standard error Dy (from the bootstrap).</summary>
public sealed record SizePoint([property: JsonPropertyName("N")] double N, double Y, double Dy);
