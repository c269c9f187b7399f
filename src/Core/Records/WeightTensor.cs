namespace Mentia.Core.Records;

/// <summary>One float32 tensor: name, shape, row-major data.</summary>
public sealed record WeightTensor(string Name, int[] Shape, float[] Data)
{
    public long Elements => Shape.Aggregate(1L, (a, b) => a * b);
}
