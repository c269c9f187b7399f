using Mentia.Core.Data;
using Mentia.Core.Records;
using TorchSharp;
using static TorchSharp.torch;

namespace Mentia.Training;

/// <summary>
/// Evaluates a trained model over the full test split at each evaluation rate p_e, m passes each, every pass
/// with fresh inverted-dropout masks on every hidden layer. Pass k at rate p_e uses
/// <see cref="Mentia.Core.Sweeps.Seeds.Evaluation"/>(trainingSeed, p_e, k): a chunk of rates evaluated elsewhere
/// gives identical numbers.
///
/// Fast path (CPU): the first hidden layer's ReLU output does not depend on dropout, so it is computed once per
/// model; each pass then costs one fused mask-and-scale over it, (depth-1) matrix products each followed by a
/// fused bias+ReLU+mask kernel, the output product and a cross-entropy kernel, all into preallocated buffers,
/// one pass at a time (batching passes only trades cache misses for dispatch, measured slower).
/// </summary>
public static class DropoutEvaluator
{
    public static EvaluationResult Evaluate(ModelWeights weights, MnistSplit test, IReadOnlyList<double> evalRates, int passes, ulong trainingSeed, EngineOptions options, CancellationToken ct)
    {
        weights.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(passes);
        foreach (var pe in evalRates)
        {
            Mix.Threshold(pe);
        }
        var device = options.Apply();
        if (device.type != DeviceType.CPU)
        {
            return Naive(weights, test, evalRates, passes, trainingSeed, device, ct);
        }
        return Fast(weights, test, evalRates, passes, trainingSeed, options.KernelThreads, ct);
    }

    private static unsafe EvaluationResult Fast(ModelWeights weights, MnistSplit test, IReadOnlyList<double> evalRates, int passes, ulong trainingSeed, int threads, CancellationToken ct)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var arch = weights.Architecture;
        int n = test.Count, width = arch.Width, depth = arch.Depth;
        var (x, _) = DataCache.Get(test, CPU);
        var w = new Tensor[depth + 1];
        var b = new Tensor[depth + 1];
        for (int l = 0; l <= depth; l++)
        {
            var (wt, bt) = weights.Layer(l);
            w[l] = tensor(wt.Data, new long[] { wt.Shape[0], wt.Shape[1] }).t().contiguous(); // [in, out]
            b[l] = tensor(bt.Data);
        }
        var h1 = nn.functional.relu(addmm(b[0], x, w[0], 1f, 1f)).contiguous(); // the cache: ReLU output of hidden layer 0
        var a = empty(n, width);
        var z = empty(n, width);
        var logits = empty(n, Fcnn.Classes);
        float* pH1 = Native.F(h1), pA = Native.F(a), pZ = Native.F(z), pLogits = Native.F(logits);
        var pb = b.Select(t => (IntPtr)Native.F(t)).ToArray();
        var results = new List<RateEvaluation>(evalRates.Count);
        foreach (var pe in evalRates)
        {
            uint thr = Mix.Threshold(pe);
            float scale = (float)(1.0 / (1.0 - pe));
            var losses = new double[passes];
            var accuracies = new double[passes];
            for (int k = 0; k < passes; k++)
            {
                ct.ThrowIfCancellationRequested();
                ulong callKey = MaskKeys.EvaluationPass(trainingSeed, pe, k);
                Tensor current;
                if (thr == 0)
                {
                    current = h1;
                }
                else
                {
                    Kernels.ReluDropout([new Kernels.ReluDropoutJob { Z = pH1, A = pA, Rows = n, Cols = width, Key = MaskKeys.Layer(callKey, 0), Threshold = thr, Scale = scale, Relu = false }], threads);
                    current = a;
                }
                for (int l = 1; l < depth; l++)
                {
                    addmm_(z, current, w[l], 0f, 1f);
                    Kernels.ReluDropout([new Kernels.ReluDropoutJob { Z = pZ, Bias = (float*)pb[l], A = pA, Rows = n, Cols = width, Key = MaskKeys.Layer(callKey, l), Threshold = thr, Scale = scale, Relu = true }], threads);
                    current = a;
                }
                addmm_(logits, current, w[depth], 0f, 1f);
                logits.add_(b[depth]);
                var (lossSum, correct) = Kernels.CrossEntropy(pLogits, n, Fcnn.Classes, test.Labels);
                losses[k] = lossSum / n;
                accuracies[k] = (double)correct / n;
            }
            results.Add(new RateEvaluation(pe, losses, accuracies));
        }
        return new EvaluationResult(results, n);
    }

    /// <summary>
    /// The plain way, kept as the reference: the whole <see cref="Fcnn"/> forward pass per pass (no cache), mask
    /// tensors multiplied in, libtorch's cross-entropy and argmax. Same masks as the fast path.
    /// </summary>
    internal static EvaluationResult Naive(ModelWeights weights, MnistSplit test, IReadOnlyList<double> evalRates, int passes, ulong trainingSeed, Device device, CancellationToken ct)
    {
        using var model = Fcnn.FromWeights(weights, device);
        var (x, y) = DataCache.Get(test, device);
        var results = new List<RateEvaluation>(evalRates.Count);
        foreach (var pe in evalRates)
        {
            var losses = new double[passes];
            var accuracies = new double[passes];
            for (int k = 0; k < passes; k++)
            {
                ct.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var logits = model.Forward(x, pe, MaskKeys.EvaluationPass(trainingSeed, pe, k), 0);
                losses[k] = nn.functional.cross_entropy(logits, y).item<float>();
                accuracies[k] = logits.argmax(1).eq(y).sum().item<long>() / (double)test.Count;
            }
            results.Add(new RateEvaluation(pe, losses, accuracies));
        }
        return new EvaluationResult(results, test.Count);
    }
}
