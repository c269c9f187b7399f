using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace Mentia.Training.Tests;

/// <summary>The batched validation of an ensemble's members against the per-member reference: equal bit for bit.</summary>
public class EnsembleValidationTests
{
    // Widths and hold-out sizes as in the examples (quick: 64 and 5000; paper: 100 and 10000), one with a short last chunk.
    [Theory]
    [InlineData(64, 2, 5000, 0.0)]
    [InlineData(100, 2, 10_000, 0.0)]
    [InlineData(100, 2, 4500, 0.3)]
    [InlineData(200, 3, 2000, 0.5)]
    public void Batched_losses_equal_the_per_member_losses_bit_for_bit(int width, int depth, int validation, double rate)
    {
        var data = TestMnist.Load();
        var (xAll, yAll) = DataCache.Get(data.Train, CPU);
        var settings = TestRuns.Quick(5, validation);
        const int members = 6;
        var runs = Enumerable.Range(0, members).Select(r => TestRuns.Run(width, depth, r % 2 == 0 ? rate : rate / 2, 1000, r)).ToArray();
        using var scope = NewDisposeScope();
        var parameters = StackedParameters(runs, width, depth);
        var index = runs.Select(r => tensor(RunData.Draw(r, settings, data.Train.Count).Validation.Select(i => (long)i).ToArray())).ToArray();
        var rates = runs.Select(r => r.TrainRate).ToArray();
        var keys = runs.Select((r, i) => MaskKeys.Validation(Seeds.Derive(r.Seed, Seeds.Stream.TrainingMasks), i + 1)).ToArray();

        // Every member, then a subset out of order (members whose epochs ended together need not be neighbours).
        foreach (var slots in new[] { Enumerable.Range(0, members).ToArray(), [4, 1, 5] })
        {
            var batched = EnsembleValidation.Batched(parameters, slots, depth, xAll, yAll, slots.Select(s => index[s]).ToArray(), slots.Select(s => rates[s]).ToArray(), slots.Select(s => keys[s]).ToArray());
            for (int i = 0; i < slots.Length; i++)
            {
                int s = slots[i];
                double reference = EnsembleValidation.PerMember(parameters, s, depth, xAll, yAll, index[s], rates[s], keys[s]);
                Assert.True(double.IsFinite(reference) && reference > 0, $"member {s}: loss {reference}");
                Assert.Equal(BitConverter.DoubleToInt64Bits(reference), BitConverter.DoubleToInt64Bits(batched[i]));
            }
        }
        // The losses differ between members: a batched path that validated one member R times would fail above.
        var all = EnsembleValidation.Batched(parameters, [0, 1], depth, xAll, yAll, [index[0], index[1]], [rates[0], rates[1]], [keys[0], keys[1]]);
        Assert.NotEqual(all[0], all[1]);
    }

    [Fact]
    public void An_ensemble_trained_with_batched_validation_has_the_curves_and_weights_of_one_validated_member_by_member()
    {
        var data = TestMnist.Load();
        // Two N: the pairs with one N end their epochs together (batched), the others at other steps (alone or in pairs).
        var jobs = new[]
        {
            TestRuns.Run(32, 2, 0.0, 320, 0), TestRuns.Run(32, 2, 0.3, 320, 1),
            TestRuns.Run(32, 2, 0.1, 192, 2), TestRuns.Run(32, 2, 0.5, 192, 3), TestRuns.Run(32, 2, 0.2, 500, 4),
        };
        var settings = TestRuns.Quick(6, 3000) with { ValidationDropout = ValidationDropout.Train, EarlyStopPatience = 2 };
        Assert.True(EnsembleValidation.BatchingIsExact, "the engine's default MKL mode batches validation");
        IReadOnlyList<TrainedModel> oneByOne;
        try
        {
            EnsembleTrainer.BatchedValidation = false;
            oneByOne = EnsembleTrainer.Train(jobs, settings, data, TestRuns.Cpu, TestContext.Current.CancellationToken);
        }
        finally
        {
            EnsembleTrainer.BatchedValidation = true;
        }
        var batched = EnsembleTrainer.Train(jobs, settings, data, TestRuns.Cpu, TestContext.Current.CancellationToken);
        for (int r = 0; r < jobs.Length; r++)
        {
            Assert.Equal(oneByOne[r].Outcome.Curve, batched[r].Outcome.Curve);
            Assert.Equal(oneByOne[r].Outcome.EpochsRun, batched[r].Outcome.EpochsRun);
            for (int t = 0; t < oneByOne[r].Weights.Tensors.Count; t++)
            {
                Assert.Equal(oneByOne[r].Weights.Tensors[t].Data, batched[r].Weights.Tensors[t].Data);
            }
        }
    }

    [Theory]
    [InlineData(null, true, true)]
    [InlineData(null, false, false)]
    [InlineData("AUTO,STRICT", true, true)]
    [InlineData("avx2,strict", true, true)]
    [InlineData("COMPATIBLE", true, true)]
    [InlineData("AUTO", true, false)]
    [InlineData("AVX512", true, false)]
    public void Validation_is_batched_only_where_MKL_is_strict(string? userSetting, bool engineSetStrict, bool exact) =>
        Assert.Equal(exact, EnsembleValidation.IsExact(userSetting, engineSetStrict));

    [Fact]
    public void Mismatched_lists_are_refused()
    {
        var data = TestMnist.Load();
        var (xAll, yAll) = DataCache.Get(data.Train, CPU);
        using var scope = NewDisposeScope();
        var runs = new[] { TestRuns.Run(16, 2, 0, 100, 0), TestRuns.Run(16, 2, 0, 100, 1) };
        var parameters = StackedParameters(runs, 16, 2);
        var index = tensor(new long[] { 1, 2, 3 });
        Assert.Throws<ArgumentException>(() => EnsembleValidation.Batched(parameters, [0, 1], 2, xAll, yAll, [index], [0.0, 0.0], [1UL, 2UL]));
        Assert.Throws<ArgumentException>(() => EnsembleValidation.Batched(parameters, [0, 1], 2, xAll, yAll, [index, tensor(new long[] { 1, 2 })], [0.0, 0.0], [1UL, 2UL]));
    }

    /// <summary>Each member's initial weights (the trainer's layout, W_l [R, in, out]), moved off the initialisation so the members look trained: larger and skewed.</summary>
    private static List<Tensor> StackedParameters(IReadOnlyList<TrainingRun> runs, int width, int depth)
    {
        var arch = new Architecture(width, depth);
        var parameters = new List<Tensor>();
        for (int l = 0; l <= depth; l++)
        {
            int fin = Fcnn.LayerInputs(arch, l), fout = Fcnn.LayerOutputs(arch, l);
            var w = new float[runs.Count * fin * fout];
            var b = new float[runs.Count * fout];
            for (int r = 0; r < runs.Count; r++)
            {
                var (wOutIn, bias) = Init.Layer(Seeds.Derive(runs[r].Seed, Seeds.Stream.Initialisation), l, fin, fout);
                for (int o = 0; o < fout; o++)
                {
                    for (int i = 0; i < fin; i++)
                    {
                        w[r * fin * fout + i * fout + o] = 3f * wOutIn[o * fin + i] + (o % 7 == 0 ? 0.01f : 0f);
                    }
                }
                bias.CopyTo(b, r * fout);
            }
            parameters.Add(tensor(w, new long[] { runs.Count, fin, fout }));
            parameters.Add(tensor(b, new long[] { runs.Count, fout }));
        }
        return parameters;
    }
}
