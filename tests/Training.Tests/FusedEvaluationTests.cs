using Mentia.Core.Data;
using Mentia.Core.Records;
using Mentia.Core.Sweeps;
using Mentia.TestSupport;
using TorchSharp;
using Xunit;

namespace Mentia.Training.Tests;

/// <summary>The fused evaluation pass (#18) against the evaluator it replaced, bit for bit, on real MNIST test images.</summary>
public class FusedEvaluationTests
{
    private static readonly double[] Rates = [0.0, 0.1, 0.5, 0.9];

    private static ModelWeights RandomModel(int width, int depth, ulong seed)
    {
        var arch = new Architecture(width, depth);
        using var model = new Fcnn(arch, seed, torch.CPU);
        return new ModelWeights { Architecture = arch, TrainRate = 0, Size = 1, Replica = 0, Seed = seed, Epochs = 0, BestValidationLoss = double.NaN, Tensors = model.ExportTensors() };
    }

    /// <summary>count test images from start, every stride-th one.</summary>
    private static MnistSplit Subset(MnistSplit test, int start, int count, int stride)
    {
        var pixels = new float[count * MnistFiles.Pixels];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            int src = start + i * stride;
            Array.Copy(test.Pixels, (long)src * MnistFiles.Pixels, pixels, (long)i * MnistFiles.Pixels, MnistFiles.Pixels);
            labels[i] = test.Labels[src];
        }
        return new MnistSplit(pixels, labels);
    }

    private static void AssertIdentical(EvaluationResult expected, EvaluationResult actual)
    {
        Assert.Equal(expected.Rates.Count, actual.Rates.Count);
        for (int i = 0; i < expected.Rates.Count; i++)
        {
            Assert.Equal(expected.Rates[i].EvalRate, actual.Rates[i].EvalRate);
            // Exact: every bit of every pass's loss and accuracy.
            Assert.Equal(expected.Rates[i].Losses.Select(BitConverter.DoubleToInt64Bits), actual.Rates[i].Losses.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(expected.Rates[i].Accuracies.Select(BitConverter.DoubleToInt64Bits), actual.Rates[i].Accuracies.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Theory]
    [InlineData(100, 2, 0, 2000, 1)]
    [InlineData(64, 2, 3000, 1500, 3)]
    [InlineData(33, 1, 17, 999, 7)]
    [InlineData(40, 3, 5000, 1200, 2)]
    [InlineData(200, 2, 1, 800, 11)]
    public void The_fused_pass_gives_the_previous_evaluator_s_numbers_bit_for_bit(int width, int depth, int start, int count, int stride)
    {
        Assert.SkipUnless(FusedEvaluationPass.Supported, "the fused pass needs AVX-512");
        var test = Subset(TestMnist.Load().Test, start, count, stride);
        var weights = RandomModel(width, depth, (ulong)(width * 10 + depth));
        var ct = TestContext.Current.CancellationToken;
        var reference = DropoutEvaluatorReference.Evaluate(weights, test, Rates, 3, 4242, 2, ct);
        // Unverified, so that the fused pass itself runs whatever the product check would say.
        AssertIdentical(reference, DropoutEvaluator.Fused(weights, test, Rates, 3, 4242, 2, verify: false, ct)!);
        AssertIdentical(reference, DropoutEvaluator.Fused(weights, test, Rates, 3, 4242, 1, verify: false, ct)!);
        AssertIdentical(reference, DropoutEvaluator.Evaluate(weights, test, Rates, 3, 4242, TestRuns.Cpu, ct));
        // Not vacuous: the passes differ, and p_e = 0.9 is far from p_e = 0.
        Assert.NotEqual(reference.Rates[2].Losses[0], reference.Rates[2].Losses[1]);
        Assert.NotEqual(reference.Rates[0].Losses[0], reference.Rates[3].Losses[0]);
    }

    [Fact]
    public void Weights_that_are_not_all_finite_take_the_reference_path_with_its_numbers()
    {
        var test = Subset(TestMnist.Load().Test, 100, 500, 1);
        var weights = RandomModel(50, 2, 9);
        var tensors = weights.Tensors.ToList();
        var w1 = tensors[2];
        var data = w1.Data.ToArray();
        data[7] = float.PositiveInfinity;
        tensors[2] = new WeightTensor(w1.Name, w1.Shape, data);
        weights = weights with { Tensors = tensors };
        var ct = TestContext.Current.CancellationToken;
        AssertIdentical(DropoutEvaluatorReference.Evaluate(weights, test, Rates, 2, 5, 2, ct), DropoutEvaluator.Evaluate(weights, test, Rates, 2, 5, TestRuns.Cpu, ct));
    }

    [Theory]
    [InlineData(100, 100)]
    [InlineData(100, 10)]
    [InlineData(37, 200)]
    [InlineData(130, 1)]
    public unsafe void A_row_product_alone_or_in_a_pair_is_the_FMA_chain_over_k_in_order(int inner, int outputs)
    {
        Assert.SkipUnless(FusedEvaluationPass.Supported, "the row products need AVX-512");
        var rng = new Random(inner * 1000 + outputs);
        int stride = RowProducts.Pad(outputs);
        var a = new float[inner];
        for (int k = 0; k < inner; k++)
        {
            a[k] = rng.NextDouble() < 0.5 ? 0f : (float)(rng.NextDouble() * 3);
        }
        a[0] = -0f;
        var w = new float[inner * stride];
        for (int k = 0; k < inner; k++)
        {
            for (int j = 0; j < outputs; j++)
            {
                w[k * stride + j] = (float)(rng.NextDouble() - 0.5);
            }
        }
        // A second row for the two-row product: its own zeros, so the union has zeros of each.
        var b = new float[inner];
        for (int k = 0; k < inner; k++)
        {
            b[k] = rng.NextDouble() < 0.5 ? 0f : (float)(rng.NextDouble() * 3);
        }
        var nonzero = new int[inner + 16];
        var got = new float[stride];
        var pairA = new float[stride];
        var pairB = new float[stride];
        fixed (float* pa = a, pb = b, pw = w, pg = got, p0 = pairA, p1 = pairB)
        fixed (int* nz = nonzero)
        {
            int count = RowProducts.Nonzero(pa, inner, nz);
            Assert.Equal(Enumerable.Range(0, inner).Where(k => a[k] != 0f), nonzero.Take(count));
            RowProducts.Chain(pa, nz, count, pw, stride, pg);
            int either = RowProducts.NonzeroEither(pa, pb, inner, nz);
            Assert.Equal(Enumerable.Range(0, inner).Where(k => a[k] != 0f || b[k] != 0f), nonzero.Take(either));
            RowProducts.Chain2(pa, pb, nz, either, pw, stride, p0, p1);
        }
        for (int j = 0; j < outputs; j++)
        {
            float c = 0f, d = 0f;
            for (int k = 0; k < inner; k++)
            {
                c = MathF.FusedMultiplyAdd(a[k], w[k * stride + j], c);
                d = MathF.FusedMultiplyAdd(b[k], w[k * stride + j], d);
            }
            Assert.Equal(BitConverter.SingleToInt32Bits(c), BitConverter.SingleToInt32Bits(got[j]));
            Assert.Equal(BitConverter.SingleToInt32Bits(c), BitConverter.SingleToInt32Bits(pairA[j]));
            Assert.Equal(BitConverter.SingleToInt32Bits(d), BitConverter.SingleToInt32Bits(pairB[j]));
        }
    }

    [Theory]
    [InlineData(100, 10)]
    [InlineData(33, 16)]
    [InlineData(1, 3)]
    public unsafe void Four_rows_at_once_are_four_FMA_chains_over_k_in_order(int inner, int outputs)
    {
        Assert.SkipUnless(FusedEvaluationPass.Supported, "the row products need AVX-512");
        var rng = new Random(inner + outputs);
        var a = new float[4 * inner];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = rng.NextDouble() < 0.5 ? 0f : (float)(rng.NextDouble() * 3);
        }
        var w = new float[inner * 16];
        for (int k = 0; k < inner; k++)
        {
            for (int j = 0; j < outputs; j++)
            {
                w[k * 16 + j] = (float)(rng.NextDouble() - 0.5);
            }
        }
        var got = new float[64];
        fixed (float* pa = a, pw = w, pg = got)
        {
            RowProducts.Chain4Rows(pa, pa + inner, pa + 2 * inner, pa + 3 * inner, inner, pw, pg);
        }
        for (int q = 0; q < 4; q++)
        {
            for (int j = 0; j < outputs; j++)
            {
                float c = 0f;
                for (int k = 0; k < inner; k++)
                {
                    c = MathF.FusedMultiplyAdd(a[q * inner + k], w[k * 16 + j], c);
                }
                Assert.Equal(BitConverter.SingleToInt32Bits(c), BitConverter.SingleToInt32Bits(got[q * 16 + j]));
            }
        }
    }
}
