using Mentia.Grains.Execution;
using Mentia.Grains.Placement;
using Mentia.GrainInterfaces;
using Mentia.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Mentia.Grains.Tests;

/// <summary>An in-process Orleans cluster running the real grains and device executors, with state in memory and blobs in Azurite.</summary>
public static class TestClusterFactory
{
    public static async Task<InProcessTestCluster> StartAsync(int silos, string storageConnection, Action<IServiceCollection>? configure = null, int weightsCacheEntries = 256)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseAcceleratorPlacement(AcceleratorPlacement.CpuRole);
            silo.AddMemoryGrainStorage(MentiaStorage.GrainState);
            silo.UseInMemoryReminderService();
            silo.Services.AddMentiaSiloServices(
                new DeviceExecutorOptions { Device = "cpu", Threads = 1, MaxEnsemble = 4, MnistCache = TestMnist.Folder, StorageConnection = storageConnection, WeightsCacheEntries = weightsCacheEntries },
                o => o.SuperviseInterval = TimeSpan.FromMilliseconds(500));
            configure?.Invoke(silo.Services);
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(s => s.AddMentiaJson()));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        return cluster;
    }
}
