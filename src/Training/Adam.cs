using TorchSharp;
using static TorchSharp.torch;

namespace Mentia.Training;

/// <summary>
/// Adam over a set of parameter tensors, each split into per-member ranges with their own learning rate
/// (one range per tensor for a single model; R ranges per stacked tensor for an ensemble). On the CPU the
/// whole update is one fused pass over memory (<see cref="Kernels.Adam"/>); elsewhere it is libtorch ops.
/// PyTorch's formula and defaults: betas (0.9, 0.999), eps 1e-8, no weight decay.
/// </summary>
internal sealed class StackedAdam : IDisposable
{
    public const float Beta1 = 0.9f, Beta2 = 0.999f, Eps = 1e-8f;
    private readonly List<Tensor> _m = [];
    private readonly List<Tensor> _v = [];
    private readonly int _threads;

    public StackedAdam(IReadOnlyList<Tensor> parameters, int threads)
    {
        _threads = threads;
        foreach (var p in parameters)
        {
            _m.Add(zeros_like(p).DetachFromDisposeScope());
            _v.Add(zeros_like(p).DetachFromDisposeScope());
        }
    }

    public long Steps { get; private set; }

    /// <summary>One update. members: how many equal leading-dimension slices each tensor has; lr[r] is member r's rate.</summary>
    public unsafe void Step(IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> grads, int members, ReadOnlySpan<double> lr)
    {
        Steps++;
        double bc1 = 1 - Math.Pow(Beta1, Steps);
        double bc2 = 1 - Math.Pow(Beta2, Steps);
        if (parameters[0].device_type == DeviceType.CPU)
        {
            var jobs = new List<Kernels.AdamJob>(parameters.Count * members);
            for (int i = 0; i < parameters.Count; i++)
            {
                float* p = Native.F(parameters[i]), g = Native.F(grads[i]), m = Native.F(_m[i]), v = Native.F(_v[i]);
                long per = parameters[i].numel() / members;
                for (int r = 0; r < members; r++)
                {
                    long o = r * per;
                    jobs.Add(new Kernels.AdamJob { P = p + o, G = g + o, M = m + o, V = v + o, Count = per, StepSize = (float)(lr[r] / bc1) });
                }
            }
            Kernels.Adam(jobs, Beta1, Beta2, Eps, (float)(1 / Math.Sqrt(bc2)), _threads);
            return;
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var stepSizes = tensor(lr.ToArray().Select(x => (float)(x / bc1)).ToArray(), device: parameters[0].device);
        for (int i = 0; i < parameters.Count; i++)
        {
            var g = grads[i];
            _m[i].mul_(Beta1).add_(g, alpha: 1 - Beta1);
            _v[i].mul_(Beta2).addcmul_(g, g, value: 1 - Beta2);
            var denom = _v[i].sqrt().mul_(1 / Math.Sqrt(bc2)).add_(Eps);
            var shape = new long[parameters[i].dim()];
            Array.Fill(shape, 1L);
            shape[0] = members;
            parameters[i].sub_(_m[i].div(denom).mul_(stepSizes.view(shape)));
        }
    }

    /// <summary>Keeps only the given members (leading-dimension slices) of the moment tensors.</summary>
    public void Keep(Tensor memberIndex)
    {
        for (int i = 0; i < _m.Count; i++)
        {
            var m = _m[i].index_select(0, memberIndex).DetachFromDisposeScope();
            var v = _v[i].index_select(0, memberIndex).DetachFromDisposeScope();
            _m[i].Dispose();
            _v[i].Dispose();
            _m[i] = m;
            _v[i] = v;
        }
    }

    public void Dispose()
    {
        foreach (var t in _m.Concat(_v))
        {
            t.Dispose();
        }
    }
}
