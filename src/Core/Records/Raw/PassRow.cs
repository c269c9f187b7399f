using System.Text.Json.Serialization;

namespace Mentia.Core.Records.Raw;

/// <summary>
/// One evaluation pass: trained network <see cref="Replica"/> of (width, depth, p_t, N) evaluated once at p_e with
/// fresh masks. The raw data every cell statistic is computed from (docs/results.md, passes.parquet).
/// Settable properties: the Parquet serializer builds rows by reflection.
/// </summary>
public sealed class PassRow
{
    [JsonPropertyName("width")] public int Width { get; set; }
    [JsonPropertyName("depth")] public int Depth { get; set; }
    [JsonPropertyName("p_t")] public double TrainRate { get; set; }
    [JsonPropertyName("N")] public int Size { get; set; }
    [JsonPropertyName("replica")] public int Replica { get; set; }
    [JsonPropertyName("p_e")] public double EvalRate { get; set; }
    /// <summary>0-based pass index at this p_e; pass k draws its masks from Seeds.Evaluation(seed, p_e, k).</summary>
    [JsonPropertyName("pass")] public int Pass { get; set; }
    /// <summary>Mean test cross-entropy of the pass, nats.</summary>
    [JsonPropertyName("loss")] public double Loss { get; set; }
    /// <summary>Test accuracy of the pass, a fraction.</summary>
    [JsonPropertyName("accuracy")] public double Accuracy { get; set; }
}
