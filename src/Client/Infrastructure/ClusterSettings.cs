using System.ComponentModel;
using System.Net;
using Mentia.GrainInterfaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Spectre.Console.Cli;

namespace Mentia.Client.Infrastructure;

/// <summary>Options of commands that talk to a running cluster, and the connection itself.</summary>
public class ClusterSettings : CommandSettings
{
    [CommandOption("--gateway <HOST:PORT>")]
    [Description("A silo gateway. Default: $MENTIA_GATEWAY, else the cluster's membership table when $MENTIA_STORAGE_CONNECTION is set, else 127.0.0.1:30000")]
    public string? Gateway { get; init; }

    [CommandOption("--json")]
    [Description("Print the result as JSON.")]
    public bool Json { get; init; }

    public async Task<ClusterConnection> ConnectAsync(CancellationToken ct)
    {
        var gateway = Gateway ?? Environment.GetEnvironmentVariable("MENTIA_GATEWAY");
        var storage = Environment.GetEnvironmentVariable("MENTIA_STORAGE_CONNECTION");
        IPEndPoint? endpoint = null;
        if (gateway is { Length: > 0 })
        {
            endpoint = ParseGateway(gateway);
        }
        else if (storage is not { Length: > 0 })
        {
            endpoint = new IPEndPoint(IPAddress.Loopback, 30000);
        }
        var clusterId = Environment.GetEnvironmentVariable("MENTIA_CLUSTER_ID") is { Length: > 0 } c ? c : "mentia";
        var serviceId = Environment.GetEnvironmentVariable("MENTIA_SERVICE_ID") is { Length: > 0 } s ? s : "mentia";
        try
        {
            return await ClusterConnection.ConnectAsync(clusterId, serviceId, endpoint, storage, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var where = endpoint?.ToString() ?? "the membership table";
            throw new ClusterUnavailableException($"no Mentia gateway answers at {where} ({e.GetType().Name}: {e.Message}). Start a silo (./build.sh --target=Silo) or pass --gateway HOST:PORT");
        }
    }

    private static IPEndPoint ParseGateway(string text)
    {
        if (IPEndPoint.TryParse(text, out var ep) && ep.Port > 0)
        {
            return ep;
        }
        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text[(colon + 1)..], out var port) && port is > 0 and < 65536)
        {
            var addresses = Dns.GetHostAddresses(text[..colon]);
            if (addresses.Length > 0)
            {
                return new IPEndPoint(addresses[0], port);
            }
        }
        throw new UserInputException($"--gateway: '{text}' is not HOST:PORT (e.g. 127.0.0.1:30000)");
    }
}

/// <summary>A started Orleans client; dispose to disconnect.</summary>
public sealed class ClusterConnection(IHost host) : IAsyncDisposable
{
    public IClusterClient Client { get; } = host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects through a gateway, or through the Azure Table membership when no gateway is given.</summary>
    public static async Task<ClusterConnection> ConnectAsync(string clusterId, string serviceId, IPEndPoint? gateway, string? storageConnection, CancellationToken ct = default)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
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
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(ct);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new ClusterConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}

/// <summary>No gateway answered. Exit code 1.</summary>
public sealed class ClusterUnavailableException(string message) : Exception(message);
