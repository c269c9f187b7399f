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
/// model; each pass then runs <see cref="FusedEvaluationPass"/>: blocks of test images on every kernel thread, each
/// image carried through masks, products, bias, ReLU and cross-entropy without writing an activation matrix.
/// Its numbers are those of <see cref="DropoutEvaluatorReference"/> (libtorch products and separate kernels) bit
/// for bit, which also runs wherever the fused pass cannot vouch for that (see <see cref="RowProducts"/>).
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

    private static EvaluationResult Fast(ModelWeights weights, MnistSplit test, IReadOnlyList<double> evalRates, int passes, ulong trainingSeed, int threads, CancellationToken ct) =>
        FusedEvaluationPass.Supported && AllFinite(weights) && Fused(weights, test, evalRates, passes, trainingSeed, threads, verify: true, ct) is { } fused
            ? fused
            : DropoutEvaluatorReference.Evaluate(weights, test, evalRates, passes, trainingSeed, threads, ct);

    /// <summary>
    /// The fused evaluation (needs <see cref="FusedEvaluationPass.Supported"/> and finite weights). With verify, null
    /// when <see cref="RowProducts.MatchesLibTorch"/> says its products are not libtorch's for this shape; tests
    /// call it without, to see the fused pass itself run.
    /// </summary>
    internal static unsafe EvaluationResult? Fused(ModelWeights weights, MnistSplit test, IReadOnlyList<double> evalRates, int passes, ulong trainingSeed, int threads, bool verify, CancellationToken ct)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var arch = weights.Architecture;
        int n = test.Count, width = arch.Width, depth = arch.Depth;
        var (w, b, h1) = EvaluationLayers.Load(weights, test); // h1: the cache, ReLU output of hidden layer 0
        // The fused pass multiplies by hand; it runs only where its products are libtorch's, bit for bit.
        if (verify && (!RowProducts.MatchesLibTorch(h1, w[depth], fourRows: true) || (depth > 1 && !RowProducts.MatchesLibTorch(h1, w[1], fourRows: false))))
        {
            return null;
        }
        var pw = new float*[depth + 1];
        var pb = new float*[depth + 1];
        for (int l = 1; l <= depth; l++)
        {
            int outputs = (int)w[l].shape[1], padded = RowProducts.Pad(outputs);
            var wp = zeros(width, padded);
            wp.narrow(1, 0, outputs).copy_(w[l]);
            var bp = zeros(padded);
            bp.narrow(0, 0, outputs).copy_(b[l]);
            pw[l] = Native.F(wp);
            pb[l] = Native.F(bp);
        }
        var pass = new FusedEvaluationPass(Native.F(h1), pw, pb, n, width, depth, test.Labels);
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
                var (lossSum, correct) = pass.Run(MaskKeys.EvaluationPass(trainingSeed, pe, k), thr, scale, threads);
                losses[k] = lossSum / n;
                accuracies[k] = (double)correct / n;
            }
            results.Add(new RateEvaluation(pe, losses, accuracies));
        }
        return new EvaluationResult(results, n);
    }

    /// <summary>Whether every weight and bias is finite: the fused pass skips zero activations, which is exact only against finite weights.</summary>
    private static bool AllFinite(ModelWeights weights) => weights.Tensors.All(t => t.Data.All(float.IsFinite));

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
