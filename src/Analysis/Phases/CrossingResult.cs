using System.Text.Json.Serialization;

namespace Mentia.Analysis.Phases;

/// <summary>Where the &lt;L&gt;(p_e) curves of two consecutive sizes cross, with the fraction of bootstrap replicates in which they still did.</summary>
public sealed record PairCrossing(
    double SmallerN,
    double LargerN,
    [property: JsonPropertyName("p_e")] double? EvalRate,
    [property: JsonPropertyName("p_eErr")] double? EvalRateErr,
    double FoundFraction);

/// <summary>
/// The eumentia-dementia boundary at one p_t from the crossing of the &lt;L&gt;(p_e) curves:
/// EvalRate is the mean of the consecutive-size pair crossings, EvalRateErr its parametric
/// bootstrap error, Spread the range of the pair crossings (their drift with N).
/// </summary>
public sealed record CrossingResult
{
    public required bool Found { get; init; }
    public string? Reason { get; init; }
    [JsonPropertyName("p_e")]
    public double? EvalRate { get; init; }
    [JsonPropertyName("p_eErr")]
    public double? EvalRateErr { get; init; }
    public double? Spread { get; init; }
    public required IReadOnlyList<PairCrossing> Pairs { get; init; }
    public required int Replicates { get; init; }
}
