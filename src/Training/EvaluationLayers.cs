using Mentia.Core.Data;
using Mentia.Core.Records;
using static TorchSharp.torch;

namespace Mentia.Training;

/// <summary>
/// A model's layers as the CPU evaluators use them: each layer's weights as [in, out] and its bias, and the cache of
/// the first hidden layer's ReLU output over the test images, [n, width], which no evaluation mask touches. The
/// tensors belong to the caller's dispose scope (call it inside one, with gradients off).
/// </summary>
internal static class EvaluationLayers
{
    public static (Tensor[] Weights, Tensor[] Biases, Tensor FirstHidden) Load(ModelWeights weights, MnistSplit test)
    {
        int depth = weights.Architecture.Depth;
        var (x, _) = DataCache.Get(test, CPU);
        var w = new Tensor[depth + 1];
        var b = new Tensor[depth + 1];
        for (int l = 0; l <= depth; l++)
        {
            var (wt, bt) = weights.Layer(l);
            w[l] = tensor(wt.Data, new long[] { wt.Shape[0], wt.Shape[1] }).t().contiguous(); // [in, out]
            b[l] = tensor(bt.Data);
        }
        var h1 = nn.functional.relu(addmm(b[0], x, w[0], 1f, 1f)).contiguous();
        return (w, b, h1);
    }
}
