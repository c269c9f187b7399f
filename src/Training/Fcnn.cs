using Mentia.Core.Records;
using Mentia.Core.Sweeps;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mentia.Training;

/// <summary>
/// The FCNN: depth hidden Linear layers of width units with ReLU, then a Linear layer to 10 logits.
/// Dropout is not a train/eval switch: every forward pass takes its own rate and mask key, and applies
/// inverted neuron dropout after each hidden ReLU (kept outputs scaled by 1/(1-p), fresh mask per call).
/// </summary>
public sealed class Fcnn : nn.Module<Tensor, Tensor>
{
    public const int Inputs = ModelWeights.Inputs;
    public const int Classes = ModelWeights.Classes;

    private readonly ModuleList<Linear> hidden;
    private readonly Linear output;

    /// <summary>A fresh model with PyTorch's default Linear initialisation (U(±1/sqrt(fan_in)) for weights and biases), drawn from the counter stream of initSeed.</summary>
    public Fcnn(Architecture architecture, ulong initSeed, Device device) : base("fcnn")
    {
        Architecture = architecture;
        hidden = new ModuleList<Linear>();
        int inputs = Inputs;
        for (int i = 0; i < architecture.Depth; i++)
        {
            hidden.Add(nn.Linear(inputs, architecture.Width));
            inputs = architecture.Width;
        }
        output = nn.Linear(inputs, Classes);
        RegisterComponents();
        using (NewDisposeScope())
        using (no_grad())
        {
            for (int l = 0; l <= architecture.Depth; l++)
            {
                var (w, b) = Init.Layer(initSeed, l, LayerInputs(architecture, l), LayerOutputs(architecture, l));
                var lin = LayerAt(l);
                lin.weight!.copy_(tensor(w, [w.Length / LayerInputs(architecture, l), LayerInputs(architecture, l)]));
                lin.bias!.copy_(tensor(b));
            }
        }
        this.to(device);
    }

    public Architecture Architecture { get; }

    internal static int LayerInputs(Architecture a, int l) => l == 0 ? Inputs : a.Width;

    internal static int LayerOutputs(Architecture a, int l) => l == a.Depth ? Classes : a.Width;

    private Linear LayerAt(int l) => l == Architecture.Depth ? output : hidden[l];

    /// <summary>Logits without dropout.</summary>
    public override Tensor forward(Tensor x) => Forward(x, 0.0, 0UL, 0);

    /// <summary>
    /// Logits with inverted dropout at rate after every hidden ReLU. The mask of hidden layer l is the counter
    /// stream of <see cref="MaskKeys.Layer"/>(callKey, l), element (rowOffset + row) * width + column.
    /// </summary>
    public Tensor Forward(Tensor x, double rate, ulong callKey, long rowOffset)
    {
        var h = x;
        for (int l = 0; l < hidden.Count; l++)
        {
            h = nn.functional.relu(hidden[l].forward(h));
            if (rate > 0)
            {
                h = h.mul(Masks.Tensor(h.shape[0], (int)h.shape[1], rowOffset * h.shape[1], MaskKeys.Layer(callKey, l), rate, h.device));
            }
        }
        return output.forward(h);
    }

    /// <summary>Copies the weights out, in <see cref="ModelWeights"/>' layout.</summary>
    public IReadOnlyList<WeightTensor> ExportTensors()
    {
        using var scope = NewDisposeScope();
        var layout = ModelWeights.Layout(Architecture);
        var list = new List<WeightTensor>(layout.Count);
        for (int l = 0; l <= Architecture.Depth; l++)
        {
            var lin = LayerAt(l);
            list.Add(new WeightTensor(layout[2 * l].Name, layout[2 * l].Shape, lin.weight!.detach().cpu().data<float>().ToArray()));
            list.Add(new WeightTensor(layout[2 * l + 1].Name, layout[2 * l + 1].Shape, lin.bias!.detach().cpu().data<float>().ToArray()));
        }
        return list;
    }

    /// <summary>A model holding given weights.</summary>
    public static Fcnn FromWeights(ModelWeights weights, Device device)
    {
        weights.Validate();
        var model = new Fcnn(weights.Architecture, 0, CPU);
        using (NewDisposeScope())
        using (no_grad())
        {
            for (int l = 0; l <= weights.Architecture.Depth; l++)
            {
                var (w, b) = weights.Layer(l);
                var lin = model.LayerAt(l);
                lin.weight!.copy_(tensor(w.Data, [w.Shape[0], w.Shape[1]]));
                lin.bias!.copy_(tensor(b.Data));
            }
        }
        model.to(device);
        return model;
    }
}
