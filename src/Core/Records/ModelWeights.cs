using Mentia.Core.Sweeps;

namespace Mentia.Core.Records;

/// <summary>
/// A trained model's weights, plain (no TorchSharp types), in PyTorch's nn.Linear layout and state_dict names:
/// hidden.{i}.weight [out, in], hidden.{i}.bias [out] for i in 0..depth-1, then output.weight [10, width], output.bias [10].
/// </summary>
public sealed record ModelWeights
{
    public const int CurrentFormatVersion = 1;
    /// <summary>Input units: one per MNIST pixel (28 x 28).</summary>
    public const int Inputs = 784;
    /// <summary>Output units: one per digit class.</summary>
    public const int Classes = 10;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required Architecture Architecture { get; init; }
    public required double TrainRate { get; init; }
    public required int Size { get; init; }
    public required int Replica { get; init; }
    public required ulong Seed { get; init; }
    public required int Epochs { get; init; }
    public required double BestValidationLoss { get; init; }
    public required IReadOnlyList<WeightTensor> Tensors { get; init; }

    /// <summary>Weight [out, in] and bias [out] of layer l (0..depth; depth is the output layer).</summary>
    public (WeightTensor Weight, WeightTensor Bias) Layer(int l) => (Tensors[2 * l], Tensors[2 * l + 1]);

    /// <summary>The expected names and shapes for an architecture.</summary>
    public static IReadOnlyList<(string Name, int[] Shape)> Layout(Architecture a)
    {
        var list = new List<(string, int[])>();
        int inputs = Inputs;
        for (int i = 0; i < a.Depth; i++)
        {
            list.Add(($"hidden.{i}.weight", [a.Width, inputs]));
            list.Add(($"hidden.{i}.bias", [a.Width]));
            inputs = a.Width;
        }
        list.Add(("output.weight", [Classes, inputs]));
        list.Add(("output.bias", [Classes]));
        return list;
    }

    /// <summary>Throws when names, shapes or data lengths do not match the architecture.</summary>
    public void Validate()
    {
        if (Architecture.Width <= 0 || Architecture.Depth <= 0)
        {
            throw new ArgumentException($"invalid architecture {Architecture}");
        }
        var layout = Layout(Architecture);
        if (Tensors.Count != layout.Count)
        {
            throw new ArgumentException($"{Architecture} needs {layout.Count} tensors, got {Tensors.Count}");
        }
        for (int i = 0; i < layout.Count; i++)
        {
            var t = Tensors[i];
            if (t.Name != layout[i].Name || !t.Shape.SequenceEqual(layout[i].Shape) || t.Data.Length != t.Elements)
            {
                throw new ArgumentException($"tensor {i} is {t.Name} [{string.Join(",", t.Shape)}] with {t.Data.Length} values; expected {layout[i].Name} [{string.Join(",", layout[i].Shape)}]");
            }
        }
    }
}
