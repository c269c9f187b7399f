using System.Text.Json;
using Mentia.Core.Records.Raw;

namespace Mentia.Training;

/// <summary>A training outcome as raw-data rows: the run's row and its curve (docs/results.md, runs.parquet and curves.parquet).</summary>
public static class TrainingRows
{
    /// <summary>The run's row; <paramref name="worker"/> names the silo that trained it ("local" in `mentia run`).</summary>
    public static RunRow Run(TrainingOutcome o, string worker)
    {
        ArgumentNullException.ThrowIfNull(o);
        var r = o.Run;
        return new RunRow
        {
            Width = r.Architecture.Width, Depth = r.Architecture.Depth, TrainRate = r.TrainRate, Size = r.Size, Replica = r.Replica, Seed = r.Seed,
            Epochs = o.EpochsRun, BestEpoch = o.BestEpoch, BestValidationLoss = o.BestValidationLoss, LearningRateDrops = LearningRateDrops(o.Curve),
            StopReason = StopReasonName(o.StopReason), WallSeconds = o.WallTime.TotalSeconds, Device = o.Device, Worker = worker,
        };
    }

    /// <summary>One row per epoch of the run.</summary>
    public static IEnumerable<EpochRow> Curve(TrainingOutcome o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var r = o.Run;
        return o.Curve.Select(e => new EpochRow
        {
            Width = r.Architecture.Width, Depth = r.Architecture.Depth, TrainRate = r.TrainRate, Size = r.Size, Replica = r.Replica,
            Epoch = e.Epoch, TrainLoss = e.TrainLoss, ValidationLoss = e.ValidationLoss, LearningRate = e.LearningRate,
        });
    }

    /// <summary>How often the learning rate went down from one epoch to the next: the plateau scheduler's drops.</summary>
    public static int LearningRateDrops(IReadOnlyList<EpochRecord> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        int drops = 0;
        for (int i = 1; i < curve.Count; i++)
        {
            if (curve[i].LearningRate < curve[i - 1].LearningRate)
            {
                drops++;
            }
        }
        return drops;
    }

    /// <summary>The stop reason as the raw data spell it (camelCase: earlyStopping, maxEpochs).</summary>
    public static string StopReasonName(StopReason reason) => JsonNamingPolicy.CamelCase.ConvertName(reason.ToString());
}
