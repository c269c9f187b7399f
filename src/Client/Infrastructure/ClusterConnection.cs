using System.Net;
using Mentia.GrainInterfaces;
using Mentia.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Mentia.Client.Infrastructure;

/// <summary>A started Orleans client; dispose to disconnect.</summary>
public sealed class ClusterConnection(IHost host) : IAsyncDisposable
{
    public IClusterClient Client { get; } = host.Services.GetRequiredService<IClusterClient>();

    /// <summary>
    /// Connects through a gateway, or through the Azure Table membership when no gateway is given.
    /// Returns as soon as <paramref name="ct"/> is cancelled, even while the client is still retrying.
    /// </summary>
    /// <param name="tls">Mutual TLS to the gateways (their certificates must chain to its CA); null: plain TCP.</param>
    public static async Task<ClusterConnection> ConnectAsync(string clusterId, string serviceId, IPEndPoint? gateway, string? storageConnection, CancellationToken ct = default, ClusterTls? tls = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        // The default console lifetime would take SIGINT/SIGTERM for this host; the CLI's StopSignals own them.
        builder.Services.AddSingleton<IHostLifetime, SignalFreeLifetime>();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
            if (gateway is not null)
            {
                client.UseStaticClustering(gateway);
            }
            else
            {
                client.UseAzureStorageClustering(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(storageConnection));
            }
            client.Services.AddSerializer(s => s.AddMentiaJson());
            if (tls is not null)
            {
                client.UseTls(o => tls.Configure(o, TlsRole.Silo));
            }
        });
        var host = builder.Build();
        var start = host.StartAsync(ct);
        try
        {
            // WaitAsync: the client's own start may keep retrying past a cancellation; the caller's bound wins.
            await start.WaitAsync(ct);
        }
        catch
        {
            // The abandoned start still owns the host: dispose it when that start ends, not under it.
            _ = start.ContinueWith(_ => host.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        return new ClusterConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    /// <summary>A host lifetime that registers no signal handlers: the process's stop is the command's to decide.</summary>
    private sealed class SignalFreeLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
