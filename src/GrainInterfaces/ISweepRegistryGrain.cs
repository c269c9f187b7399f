namespace Mentia.GrainInterfaces;

/// <summary>The cluster's list of sweeps (a single grain, key 0).</summary>
[Alias("mentia.ISweepRegistryGrain")]
public interface ISweepRegistryGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task Register(SweepListing sweep);

    [Alias("List")]
    Task<IReadOnlyList<SweepListing>> List();
}
