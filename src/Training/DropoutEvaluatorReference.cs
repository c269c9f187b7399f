using Mentia.Core.Data;
using Mentia.Core.Records;
using static TorchSharp.torch;

namespace Mentia.Training;

/// <summary>
/// The CPU evaluator as it was before the fused pass of #18, kept unchanged as the reference that the fused pass
/// must match bit for bit (tests, the engine bench) and as the fallback where the fused pass is not used (no
/// AVX-512, weights that are not all finite, or a matrix library whose products the fused pass did not reproduce).
/// Per pass: one fused mask-and-scale over the cached first hidden layer, libtorch <c>addmm_</c> products, a fused
/// bias+ReLU+mask kernel per further hidden layer, <c>add_</c> of the output bias and a one-thread cross-entropy.
/// </summary>
internal static class DropoutEvaluatorReference
{
    /// <summary>Same contract as <see cref="DropoutEvaluator.Evaluate"/> on the CPU (arguments already validated).</summary>
    public static unsafe EvaluationResult Evaluate(ModelWeights weights, MnistSplit test, IReadOnlyList<double> evalRates, int passes, ulong trainingSeed, int threads, CancellationToken ct)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var arch = weights.Architecture;
        int n = test.Count, width = arch.Width, depth = arch.Depth;
        var (w, b, h1) = EvaluationLayers.Load(weights, test); // h1: the cache, ReLU output of hidden layer 0
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
}
