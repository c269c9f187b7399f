using System.Text.Json;
using Mentia.Analysis.Statistics;
using Xunit;

namespace Mentia.Analysis.Tests;

public class CellAccumulatorTests
{
    private static (string Key, double[] Losses, double[] Accuracies)[] Runs(int count, int passes, ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        return Enumerable.Range(0, count).Select(r =>
        {
            var offset = 0.1 * rng.NextGaussian();
            var losses = Enumerable.Range(0, passes).Select(_ => 0.5 + offset + 0.05 * rng.NextGaussian()).ToArray();
            var accs = Enumerable.Range(0, passes).Select(_ => 0.9 - offset / 10 + 0.01 * rng.NextGaussian()).ToArray();
            return ($"w100d2/pt0.100/N1000/r{r}", losses, accs);
        }).ToArray();
    }

    [Fact]
    public void Means_are_over_all_passes_and_counts_are_kept()
    {
        var acc = new CellAccumulator();
        Assert.True(acc.Record("a", [1.0, 2.0], [0.5, 0.7]));
        Assert.True(acc.Record("b", [4.0], [0.9]));

        var s = acc.Snapshot(200, 1);

        Assert.Equal(7.0 / 3, s.MeanLoss, 12);
        Assert.Equal(2.1 / 3, s.MeanAccuracy, 12);
        Assert.Equal(2, s.Runs);
        Assert.Equal(3, s.Passes);
        Assert.Equal(200, s.BootstrapResamples);
        Assert.NotNull(s.MeanLossErr);
    }

    [Fact]
    public void A_run_already_counted_is_ignored()
    {
        var acc = new CellAccumulator();
        Assert.True(acc.Record("r0", [1.0], [0.5]));
        var before = acc.Snapshot(100, 3);

        Assert.False(acc.Record("r0", [100.0], [0.0]));

        Assert.Equal(1, acc.RunCount);
        Assert.Equal(before, acc.Snapshot(100, 3));
        Assert.Equal(1.0, acc.Snapshot(100, 3).MeanLoss);
    }

    [Fact]
    public void Snapshot_does_not_depend_on_arrival_order()
    {
        var runs = Runs(12, 5, 7);
        var forward = new CellAccumulator();
        foreach (var r in runs)
        {
            forward.Record(r.Key, r.Losses, r.Accuracies);
        }
        var shuffled = new CellAccumulator();
        foreach (var r in runs.Reverse().Where((_, i) => i % 2 == 0).Concat(runs.Reverse().Where((_, i) => i % 2 == 1)))
        {
            shuffled.Record(r.Key, r.Losses, r.Accuracies);
            shuffled.Record(r.Key, r.Losses, r.Accuracies);
        }

        Assert.Equal(forward.Snapshot(500, 42), shuffled.Snapshot(500, 42));
    }

    [Fact]
    public void State_round_trips_through_plain_data_and_json()
    {
        var acc = new CellAccumulator();
        foreach (var r in Runs(6, 4, 9))
        {
            acc.Record(r.Key, r.Losses, r.Accuracies);
        }

        var json = JsonSerializer.Serialize(acc.Runs);
        var restored = new CellAccumulator(JsonSerializer.Deserialize<Dictionary<string, RunPasses>>(json)!);

        Assert.Equal(acc.Snapshot(300, 5), restored.Snapshot(300, 5));
        Assert.Equal(acc.PassCount, restored.PassCount);
        Assert.False(restored.Record(Runs(6, 4, 9)[0].Key, [1.0], [1.0]));
    }

    [Fact]
    public void Snapshot_is_seeded_and_cached_until_a_new_run()
    {
        var acc = new CellAccumulator();
        foreach (var r in Runs(8, 3, 11))
        {
            acc.Record(r.Key, r.Losses, r.Accuracies);
        }
        var a = acc.Snapshot(400, 1);
        Assert.Same(a, acc.Snapshot(400, 1));
        Assert.NotEqual(a.MeanLossErr, acc.Snapshot(400, 2).MeanLossErr);

        acc.Record("extra", [3.0], [0.1]);
        Assert.Equal(9, acc.Snapshot(400, 1).Runs);
    }

    [Fact]
    public void One_run_has_no_bootstrap_error()
    {
        var acc = new CellAccumulator();
        acc.Record("only", [1.0, 1.2, 0.8], [0.9, 0.91, 0.92]);
        var s = acc.Snapshot(1000, 1);
        Assert.Null(s.MeanLossErr);
        Assert.Null(s.MeanAccuracyErr);
        Assert.NotNull(s.Binder);
        Assert.Equal(1.0, s.MeanLoss, 12);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        var acc = new CellAccumulator();
        Assert.Throws<ArgumentException>(() => acc.Record("x", [1.0, 2.0], [0.5]));
        Assert.Throws<ArgumentException>(() => acc.Record("x", [], []));
        Assert.Throws<ArgumentException>(() => acc.Record("x", [double.NaN], [0.5]));
        Assert.Throws<ArgumentException>(() => acc.Record("", [1.0], [0.5]));
        Assert.Throws<InvalidOperationException>(() => acc.Snapshot(10, 1));
        Assert.Equal(0, acc.RunCount);
    }

    [Fact]
    public void Constant_accuracy_has_no_binder_cumulant()
    {
        var acc = new CellAccumulator();
        acc.Record("a", [1.0, 1.1], [0.9, 0.9]);
        acc.Record("b", [1.2, 1.0], [0.9, 0.9]);
        var s = acc.Snapshot(100, 1);
        Assert.Null(s.Binder);
        Assert.Null(s.BinderErr);
        Assert.Equal(0.0, s.MeanAccuracyErr!.Value, 12);
    }
}
