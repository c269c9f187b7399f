using Mentia.Grains.Placement;
using Mentia.GrainInterfaces;
using Orleans.Serialization;
using Orleans.TestingHost;
using Xunit;

namespace Mentia.Grains.Tests;

public interface IWhereAmIGrain : IGrainWithIntegerKey
{
    Task<string> Silo();
}

/// <summary>A stand-in with the training grain's placement, so the rule is tested without training anything.</summary>
[AcceleratorPlacementFilter]
public sealed class WhereAmIGrain : Grain, IWhereAmIGrain
{
    public Task<string> Silo() => Task.FromResult(this.RuntimeIdentity);
}

public class AcceleratorPlacementTests
{
    private static async Task<InProcessTestCluster> Cluster(string[] roles, bool fallback)
    {
        var builder = new InProcessTestClusterBuilder((short)roles.Length);
        builder.ConfigureSilo((options, silo) =>
        {
            // Silo names are "Primary", "Secondary_1", ...: the index picks the role.
            var index = options.SiloName == "Primary" ? 0 : int.Parse(options.SiloName.Split('_')[1]);
            silo.UseAcceleratorPlacement(roles[index], fallback);
            silo.Services.AddSerializer(s => s.AddMentiaJson()); // the grain contracts carry analysis records as JSON
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(s => s.AddMentiaJson()));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        return cluster;
    }

    [Fact]
    public async Task Training_grains_land_only_on_the_gpu_silo_of_a_mixed_cluster()
    {
        await using var cluster = await Cluster(["cpu", "gpu", "cpu"], fallback: true);
        var gpuSilo = cluster.Silos[1].SiloAddress.ToString(); // same form as RuntimeIdentity
        var placed = new List<string>();
        for (int i = 0; i < 40; i++)
        {
            placed.Add(await cluster.Client.GetGrain<IWhereAmIGrain>(i).Silo());
        }
        Assert.All(placed, s => Assert.Equal(gpuSilo, s));
    }

    [Fact]
    public async Task Without_gpu_silos_the_fallback_spreads_over_every_silo()
    {
        await using var cluster = await Cluster(["cpu", "cpu"], fallback: true);
        var placed = new HashSet<string>();
        for (int i = 0; i < 40; i++)
        {
            placed.Add(await cluster.Client.GetGrain<IWhereAmIGrain>(i).Silo());
        }
        Assert.Equal(2, placed.Count);
    }

    [Fact]
    public async Task Without_gpu_silos_and_no_fallback_placement_fails_at_once()
    {
        await using var cluster = await Cluster(["cpu"], fallback: false);
        await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.GetGrain<IWhereAmIGrain>(1).Silo());
    }
}
