using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Xunit;

namespace Mentia.Training.Tests;

/// <summary>A training outcome as raw-data rows: the run row's counts and names, one curve row per epoch.</summary>
public class TrainingRowsTests
{
    [Fact]
    public void The_run_row_counts_the_learning_rate_drops_and_spells_the_stop_reason_as_the_exports_do()
    {
        var run = new TrainingRun(new Architecture(16, 2), 0.25, 500, 3, 12345UL);
        EpochRecord E(int epoch, double validation, double lr) => new(epoch, validation + 0.1, validation, lr);
        var curve = new[] { E(1, 1.0, 1e-3), E(2, 0.8, 1e-3), E(3, 0.81, 1e-4), E(4, 0.79, 1e-4), E(5, 0.8, 1e-5), E(6, 0.82, 1e-5) };
        var outcome = new TrainingOutcome(run, 6, 4, StopReason.EarlyStopping, 0.79, curve, TimeSpan.FromSeconds(2.5),
            ValidationDropout.Off, KeptWeights.BestValidationEpoch, "cpu", "ensemble R=4");

        var row = TrainingRows.Run(outcome, "silo-a");

        Assert.Equal((16, 2, 0.25, 500, 3, 12345UL), (row.Width, row.Depth, row.TrainRate, row.Size, row.Replica, row.Seed));
        Assert.Equal((6, 4, 0.79, 2), (row.Epochs, row.BestEpoch, row.BestValidationLoss, row.LearningRateDrops));
        Assert.Equal(("earlyStopping", 2.5, "cpu", "silo-a"), (row.StopReason, row.WallSeconds, row.Device, row.Worker));
        Assert.Equal("maxEpochs", TrainingRows.StopReasonName(StopReason.MaxEpochs));

        var rows = TrainingRows.Curve(outcome).ToArray();
        Assert.Equal([1, 2, 3, 4, 5, 6], rows.Select(r => r.Epoch));
        Assert.Equal(curve.Select(c => c.ValidationLoss), rows.Select(r => r.ValidationLoss));
        Assert.Equal(curve.Select(c => c.LearningRate), rows.Select(r => r.LearningRate));
        Assert.All(rows, r => Assert.Equal((0.25, 500, 3), (r.TrainRate, r.Size, r.Replica)));
    }
}
