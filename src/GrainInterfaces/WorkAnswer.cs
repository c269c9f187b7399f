namespace Mentia.GrainInterfaces;

/// <summary>A work grain's answer to a dispatch.</summary>
/// <param name="Silo">The silo whose device queued the work; null when it was not queued.</param>
/// <param name="Declined">Why this silo cannot do such work at all (e.g. its MNIST copy is unusable); null when it merely had no room.</param>
[GenerateSerializer, Immutable, Alias("mentia.WorkAnswer")]
public sealed record WorkAnswer([property: Id(0)] string? Silo, [property: Id(1)] string? Declined = null)
{
    public static WorkAnswer Full { get; } = new(Silo: null);
}
