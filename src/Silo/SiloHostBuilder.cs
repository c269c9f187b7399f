using System.Net;
using Mentia.Grains;
using Mentia.Grains.Execution;
using Mentia.Grains.Placement;
using Mentia.Grains.Telemetry;
using Mentia.Silo.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Mentia.Silo;

/// <summary>
/// Builds the silo's web host: Orleans (with mutual TLS when configured), the device executor, health endpoints,
/// the live sweep page and /metrics (unless off), and the dashboard (unless off). Every HTTP endpoint is on
/// MENTIA_HTTP_BIND:MENTIA_HTTP_PORT (loopback by default), plain HTTP without authentication.
/// </summary>
public static class SiloHostBuilder
{
    /// <summary>The Host names a loopback-bound silo answers (any port): what a browser on the same machine sends.</summary>
    public static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static WebApplication Build(SiloSettings settings, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls($"http://{(settings.HttpBind.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{settings.HttpBind}]" : settings.HttpBind)}:{settings.HttpPort}");
        var loopbackOnly = IPAddress.IsLoopback(settings.HttpBind);
        if (loopbackOnly)
        {
            // On loopback only requests addressed to a loopback name are answered: a web page elsewhere whose DNS name
            // is rebound to 127.0.0.1 (DNS rebinding) cannot read sweeps or start report drawings through a browser.
            builder.Services.AddHostFiltering(o =>
            {
                o.AllowedHosts = LoopbackHosts;
                o.AllowEmptyHosts = false;
            });
        }
        // Shorter than the pod's termination grace period, long enough to hand grains off.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(settings.ShutdownTimeoutSeconds));

        // Orleans' placement logs every Polly attempt at Information: thousands of lines a sweep. Keep the
        // framework at Warning and Mentia's own messages (trainings, lost silos) at Information.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Mentia", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        // A refused TLS handshake is one line from Mentia.Silo.Tls saying why; Orleans' own warning adds a stack
        // trace per attempt, and a client retrying (or a port scan) would bury the log in them.
        builder.Logging.AddFilter("Orleans.Connections.Security", LogLevel.Error);

        var role = SiloRole.Resolve(settings.Role, settings.Device);
        builder.UseOrleans(silo =>
        {
            ConfigureClustering(silo, settings);
            ConfigureStorage(silo, settings);
            silo.UseAcceleratorPlacement(role, settings.PlacementFallback);
            if (settings.Tls is { } tls)
            {
                silo.UseMentiaTls(tls);
            }
            if (settings.Dashboard)
            {
                silo.AddDashboard();
            }
            silo.Services.AddMentiaSiloServices(new DeviceExecutorOptions
            {
                Device = settings.Device,
                Threads = settings.Threads,
                MaxEnsemble = settings.MaxEnsemble,
                MnistCache = settings.MnistCache,
                StorageConnection = settings.StorageConnection,
                DeliveryRetries = settings.DeliveryRetries,
            }, sweep =>
            {
                sweep.DispatchWindow = settings.DispatchWindow;
                sweep.WorkGrace = TimeSpan.FromSeconds(settings.WorkGraceSeconds);
                sweep.MinDeviceFlops = settings.MinDeviceGflops * 1e9;
            });
        });

        if (settings.Metrics)
        {
            // Orleans' own meter and Mentia's (MentiaMetrics), in Prometheus' text format at /metrics.
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService("mentia-silo", serviceInstanceId: settings.SiloName))
                .WithMetrics(m => m
                .AddMeter("Microsoft.Orleans")
                .AddMeter(MentiaMetrics.MeterName)
                .AddPrometheusExporter());
        }
        if (settings.LivePage)
        {
            builder.Services.AddSingleton<LiveReports>();
        }

        builder.Services.AddHealthChecks()
            .AddCheck<SiloHealthChecks.Started>("startup", tags: ["startup"])
            .AddCheck<SiloHealthChecks.Ready>("ready", tags: ["ready"])
            .AddCheck<SiloHealthChecks.Live>("live", tags: ["live"]);

        var app = builder.Build();
        if (loopbackOnly)
        {
            app.UseHostFiltering();
        }
        app.MapHealthChecks("/health/startup", new() { Predicate = c => c.Tags.Contains("startup"), ResponseWriter = SiloHealthChecks.WriteStatusAndReasons });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = SiloHealthChecks.WriteStatusAndReasons });
        app.MapHealthChecks("/health/live", new() { Predicate = c => c.Tags.Contains("live"), ResponseWriter = SiloHealthChecks.WriteStatusAndReasons });
        if (settings.Dashboard)
        {
            app.MapOrleansDashboard("/dashboard");
        }
        if (settings.Metrics)
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }
        if (settings.LivePage)
        {
            app.MapLivePage();
        }
        if (settings.Tls is { } t)
        {
            app.Logger.LogInformation("{Tls}", t.Describe());
        }
        return app;
    }

    private static void ConfigureClustering(ISiloBuilder silo, SiloSettings settings)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (settings.FastFailureDetection)
        {
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
                o.NumMissedTableIAmAliveLimit = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
            });
        }
        if (settings.SiloName is { } name)
        {
            silo.Configure<SiloOptions>(o => o.SiloName = name);
        }
        if (settings.Mode == "local")
        {
            // The first local silo keeps the membership; later ones join it through MENTIA_PRIMARY.
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, settings.Primary ?? new IPEndPoint(IPAddress.Loopback, settings.SiloPort), settings.ServiceId, settings.ClusterId);
        }
        else
        {
            silo.Configure<EndpointOptions>(o => SiloEndpoints.Apply(o, settings));
            silo.UseAzureStorageClustering(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(settings.StorageConnection));
        }
    }

    private static void ConfigureStorage(ISiloBuilder silo, SiloSettings settings)
    {
        if (settings.MemoryState)
        {
            silo.AddMemoryGrainStorage(MentiaStorage.GrainState);
            silo.UseInMemoryReminderService();
            return;
        }
        silo.AddAzureBlobGrainStorage(MentiaStorage.GrainState, o => o.BlobServiceClient = new Azure.Storage.Blobs.BlobServiceClient(settings.StorageConnection));
        // Durable reminders wake a sweep after a cluster restart; Azurite serves the table API locally.
        silo.UseAzureTableReminderService(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(settings.StorageConnection));
    }
}
