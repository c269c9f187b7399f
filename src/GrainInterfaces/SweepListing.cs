namespace Mentia.GrainInterfaces;

/// <summary>One line of `mentia list`.</summary>
[GenerateSerializer, Immutable, Alias("mentia.SweepListing")]
public sealed record SweepListing(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset SubmittedAt);
