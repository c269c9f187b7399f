using System.Text.Json.Serialization;

namespace Mentia.Core.Records.Raw;

/// <summary>One epoch of one training run: the training curve (curves.parquet).</summary>
public sealed class EpochRow
{
    [JsonPropertyName("width")] public int Width { get; set; }
    [JsonPropertyName("depth")] public int Depth { get; set; }
    [JsonPropertyName("p_t")] public double TrainRate { get; set; }
    [JsonPropertyName("N")] public int Size { get; set; }
    [JsonPropertyName("replica")] public int Replica { get; set; }
    /// <summary>1-based epoch.</summary>
    [JsonPropertyName("epoch")] public int Epoch { get; set; }
    /// <summary>Mean training loss over the epoch's minibatches, at p_t (as trained).</summary>
    [JsonPropertyName("trainLoss")] public double TrainLoss { get; set; }
    /// <summary>Validation loss after the epoch, measured as the sweep's validationDropout says.</summary>
    [JsonPropertyName("validationLoss")] public double ValidationLoss { get; set; }
    /// <summary>The learning rate the epoch was trained with.</summary>
    [JsonPropertyName("learningRate")] public double LearningRate { get; set; }
}
