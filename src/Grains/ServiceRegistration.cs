using Mentia.Grains.Execution;
using Mentia.Grains.Sweeps;
using Mentia.Grains.Telemetry;
using Mentia.GrainInterfaces;
using Mentia.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Mentia.Grains;

public static class ServiceRegistration
{
    /// <summary>What every Mentia silo runs besides its grains: blob storage, MNIST, the device executor.</summary>
    public static IServiceCollection AddMentiaSiloServices(this IServiceCollection services, DeviceExecutorOptions executor, Action<SweepOptions>? sweep = null)
    {
        services.AddSingleton(executor);
        services.AddSingleton<IBlobStore>(_ => new BlobStore(executor.StorageConnection));
        services.AddSingleton<MnistProvider>();
        services.AddSingleton(new DeviceQueue(executor.QueueCapacity, executor.MaxEnsemble));
        services.AddSingleton(sp => new MentiaMetrics(sp.GetRequiredService<ILocalSiloDetails>().Name, () => sp.GetRequiredService<DeviceQueue>().Count));
        services.AddSingleton(new WeightsCache(executor.WeightsCacheEntries));
        services.AddSingleton<ResultDelivery>();
        services.AddSingleton<DeviceExecutor>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceExecutor>());
        services.AddOptions<SweepOptions>().Configure(o => sweep?.Invoke(o));
        services.AddSingleton<SweepLayouts>();
        services.AddSerializer(s => s.AddMentiaJson());
        services.AddSingleton<Orleans.Storage.IGrainStorageSerializer, MentiaStateSerializer>();
        return services;
    }
}
