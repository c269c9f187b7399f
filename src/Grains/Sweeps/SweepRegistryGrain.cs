using Mentia.GrainInterfaces;

namespace Mentia.Grains.Sweeps;

/// <summary>The list of sweeps this cluster has seen, persisted; also how silos find running sweeps after a restart.</summary>
public sealed class SweepRegistryGrain(
    [PersistentState("sweeps", MentiaStorage.GrainState)] IPersistentState<SweepRegistryState> state) : Grain, ISweepRegistryGrain
{
    public async Task Register(SweepListing sweep)
    {
        if (state.State.Sweeps.Any(s => s.SweepId == sweep.SweepId))
        {
            return;
        }
        state.State.Sweeps.Add(sweep);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<SweepListing>> List() => Task.FromResult<IReadOnlyList<SweepListing>>(state.State.Sweeps.ToList());
}

[GenerateSerializer, Alias("mentia.SweepRegistryState")]
public sealed class SweepRegistryState
{
    [Id(0)] public List<SweepListing> Sweeps { get; set; } = [];
}
