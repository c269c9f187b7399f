using System.Text.Json.Serialization;

namespace Mentia.Core.Records.Raw;

/// <summary>One training run as it went: seed, epochs, best epoch, learning-rate drops, why it stopped, where and how long (runs.parquet).</summary>
public sealed class RunRow
{
    [JsonPropertyName("width")] public int Width { get; set; }
    [JsonPropertyName("depth")] public int Depth { get; set; }
    [JsonPropertyName("p_t")] public double TrainRate { get; set; }
    [JsonPropertyName("N")] public int Size { get; set; }
    [JsonPropertyName("replica")] public int Replica { get; set; }
    /// <summary>The run's seed (Seeds.Training of the sweep seed and the run's coordinates): initial weights, data subset, masks.</summary>
    [JsonPropertyName("seed")] public ulong Seed { get; set; }
    [JsonPropertyName("epochs")] public int Epochs { get; set; }
    /// <summary>The 1-based epoch whose weights were kept (lowest validation loss); 0 when not recorded (cluster runs reported before this column existed).</summary>
    [JsonPropertyName("bestEpoch")] public int BestEpoch { get; set; }
    [JsonPropertyName("bestValidationLoss")] public double BestValidationLoss { get; set; }
    /// <summary>Times the plateau scheduler lowered the learning rate; -1 when not recorded.</summary>
    [JsonPropertyName("learningRateDrops")] public int LearningRateDrops { get; set; }
    /// <summary>earlyStopping or maxEpochs.</summary>
    [JsonPropertyName("stopReason")] public string StopReason { get; set; } = "";
    /// <summary>Wall-clock seconds of the ensemble the run was trained in (runs of one ensemble train together and share it).</summary>
    [JsonPropertyName("wallSeconds")] public double WallSeconds { get; set; }
    /// <summary>The torch device that trained it (cpu, cuda, cuda:0); empty when not recorded.</summary>
    [JsonPropertyName("device")] public string Device { get; set; } = "";
    /// <summary>The silo that trained it; "local" for `mentia run`.</summary>
    [JsonPropertyName("worker")] public string Worker { get; set; } = "";
}
