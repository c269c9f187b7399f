namespace Mentia.GrainInterfaces;

/// <summary>The per-pass numbers of one trained run at one cell: what the cell aggregate records.</summary>
[GenerateSerializer, Immutable, Alias("mentia.CellRecord")]
public sealed record CellRecord(
    [property: Id(0)] string RunKey,
    [property: Id(1)] double[] Losses,
    [property: Id(2)] double[] Accuracies);
