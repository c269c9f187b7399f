using System.Net;
using Mentia.Security;

namespace Mentia.Silo;

/// <summary>
/// Everything a silo is told from outside, read from MENTIA_* environment variables (the contract with
/// k8s/ and the integration tests) with command-line overrides of the same names in kebab case
/// (--silo-port 11112). Invalid values fail at start with the variable's name and allowed range.
/// </summary>
public sealed record SiloSettings
{
    /// <summary>local: localhost clustering (a laptop); cluster: Azure Table membership (several machines).</summary>
    public string Mode { get; init; } = "local";
    public string StorageConnection { get; init; } = Mentia.Storage.AzuriteEndpoint.Default.ConnectionString;
    public string ClusterId { get; init; } = "mentia";
    public string ServiceId { get; init; } = "mentia";
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;
    /// <summary>Local mode: the first silo's endpoint that later silos join (none: this silo is the first).</summary>
    public IPEndPoint? Primary { get; init; }
    public IPAddress AdvertisedIp { get; init; } = IPAddress.Loopback;
    /// <summary>
    /// Cluster mode: the address the silo and gateway ports bind (MENTIA_LISTEN_ADDRESS); null binds the
    /// advertised address only, so a machine with several networks does not expose the ports on all of them.
    /// 0.0.0.0 binds every address (in a pod: the pod IP and loopback, which kubectl port-forward needs).
    /// </summary>
    public IPAddress? ListenAddress { get; init; }
    public string? SiloName { get; init; }
    public string Device { get; init; } = "auto";
    /// <summary>gpu or cpu; auto: gpu when the resolved device is CUDA.</summary>
    public string Role { get; init; } = "auto";
    public int HttpPort { get; init; } = 8080;
    public string HttpBind { get; init; } = "127.0.0.1";
    public int ShutdownTimeoutSeconds { get; init; } = 60;
    public int Threads { get; init; }
    /// <summary>Training runs grouped into one batched ensemble at most.</summary>
    public int MaxEnsemble { get; init; } = 16;
    public string MnistCache { get; init; } = Path.Combine(Path.GetTempPath(), "mentia-mnist");
    /// <summary>Training placement falls back to any silo when none has an accelerator.</summary>
    public bool PlacementFallback { get; init; } = true;
    /// <summary>Replicas in training at once per sweep, cluster-wide (see SweepOptions.DispatchWindow).</summary>
    public int DispatchWindow { get; init; } = 64;
    /// <summary>Fixed part of every work deadline, seconds (SweepOptions.WorkGrace): work not reported within it plus its silo's backlog is redone.</summary>
    public int WorkGraceSeconds { get; init; } = 120;
    /// <summary>The slowest device work is expected on, GFLOP/s (SweepOptions.MinDeviceFlops): sizes the deadlines.</summary>
    public int MinDeviceGflops { get; init; } = 1;
    /// <summary>Retries of each result delivery step before it is left to supervision (DeviceExecutorOptions.DeliveryRetries).</summary>
    public int DeliveryRetries { get; init; } = 30;
    /// <summary>Grain state in memory instead of blob storage (tests only).</summary>
    public bool MemoryState { get; init; }
    /// <summary>Declare a silo dead within seconds rather than Orleans' default tens of seconds: for small loopback clusters and tests.</summary>
    public bool FastFailureDetection { get; init; }
    /// <summary>The Orleans Dashboard at /dashboard on the HTTP port (MENTIA_DASHBOARD). It has no authentication: the Kubernetes overlays turn it off.</summary>
    public bool Dashboard { get; init; } = true;
    /// <summary>The live sweep page at / and /sweeps/{id} on the HTTP port (MENTIA_LIVE_PAGE): read-only, no authentication, like the port itself.</summary>
    public bool LivePage { get; init; } = true;
    /// <summary>Prometheus metrics at /metrics on the HTTP port (MENTIA_METRICS): Orleans' meters and Mentia's.</summary>
    public bool Metrics { get; init; } = true;
    /// <summary>Mutual TLS on the silo and gateway ports (MENTIA_TLS_CERT, MENTIA_TLS_KEY, MENTIA_TLS_CA); null: plain TCP.</summary>
    public ClusterTls? Tls { get; init; }

    public static SiloSettings From(Func<string, string?> get)
    {
        var errors = new List<string>();
        var d = new SiloSettings();
        int Int(string name, int fallback, int min, int max)
        {
            var v = get(name);
            if (string.IsNullOrEmpty(v))
            {
                return fallback;
            }
            if (int.TryParse(v, out var x) && x >= min && x <= max)
            {
                return x;
            }
            errors.Add($"{name}='{v}' is not allowed; allowed: integers in [{min}, {max}]");
            return fallback;
        }
        string OneOf(string name, string fallback, params string[] allowed)
        {
            var v = get(name);
            if (string.IsNullOrEmpty(v))
            {
                return fallback;
            }
            if (allowed.Contains(v.ToLowerInvariant()))
            {
                return v.ToLowerInvariant();
            }
            errors.Add($"{name}='{v}' is not allowed; allowed: {string.Join(", ", allowed)}");
            return fallback;
        }
        IPEndPoint? Endpoint(string name)
        {
            var v = get(name);
            if (string.IsNullOrEmpty(v))
            {
                return null;
            }
            if (IPEndPoint.TryParse(v, out var ep) && ep.Port > 0)
            {
                return ep;
            }
            errors.Add($"{name}='{v}' is not allowed; allowed: an address and port such as 127.0.0.1:11111");
            return null;
        }
        IPAddress Address(string name, IPAddress fallback)
        {
            var v = get(name);
            if (string.IsNullOrEmpty(v))
            {
                return fallback;
            }
            if (IPAddress.TryParse(v, out var ip))
            {
                return ip;
            }
            errors.Add($"{name}='{v}' is not an IP address");
            return fallback;
        }
        bool Bool(string name, bool fallback)
        {
            var v = get(name);
            if (string.IsNullOrEmpty(v))
            {
                return fallback;
            }
            if (bool.TryParse(v, out var b))
            {
                return b;
            }
            errors.Add($"{name}='{v}' is not allowed; allowed: true, false");
            return fallback;
        }
        ClusterTls? Tls()
        {
            try
            {
                return ClusterTls.FromEnvironment(get, TlsRole.Silo);
            }
            catch (TlsSettingsException e)
            {
                errors.Add(e.Message);
                return null;
            }
        }
        var settings = new SiloSettings
        {
            Mode = OneOf("MENTIA_MODE", d.Mode, "local", "cluster"),
            StorageConnection = get("MENTIA_STORAGE_CONNECTION") is { Length: > 0 } c ? c : d.StorageConnection,
            ClusterId = get("MENTIA_CLUSTER_ID") is { Length: > 0 } cid ? cid : d.ClusterId,
            ServiceId = get("MENTIA_SERVICE_ID") is { Length: > 0 } sid ? sid : d.ServiceId,
            SiloPort = Int("MENTIA_SILO_PORT", d.SiloPort, 1, 65535),
            GatewayPort = Int("MENTIA_GATEWAY_PORT", d.GatewayPort, 1, 65535),
            Primary = Endpoint("MENTIA_PRIMARY"),
            AdvertisedIp = Address("MENTIA_ADVERTISED_IP", d.AdvertisedIp),
            ListenAddress = get("MENTIA_LISTEN_ADDRESS") is { Length: > 0 } ? Address("MENTIA_LISTEN_ADDRESS", IPAddress.Any) : null,
            SiloName = get("MENTIA_SILO_NAME") is { Length: > 0 } n ? n : null,
            Device = OneOf("MENTIA_DEVICE", d.Device, "auto", "cpu", "cuda"),
            Role = OneOf("MENTIA_ROLE", d.Role, "auto", "gpu", "cpu"),
            HttpPort = Int("MENTIA_HTTP_PORT", d.HttpPort, 0, 65535),
            HttpBind = Address("MENTIA_HTTP_BIND", IPAddress.Loopback).ToString(),
            ShutdownTimeoutSeconds = Int("MENTIA_SHUTDOWN_TIMEOUT_SECONDS", d.ShutdownTimeoutSeconds, 1, 3600),
            Threads = Int("MENTIA_THREADS", d.Threads, 0, 1024),
            MaxEnsemble = Int("MENTIA_MAX_ENSEMBLE", d.MaxEnsemble, 1, 1024),
            DispatchWindow = Int("MENTIA_DISPATCH_WINDOW", d.DispatchWindow, 1, 1_000_000),
            WorkGraceSeconds = Int("MENTIA_WORK_GRACE_SECONDS", d.WorkGraceSeconds, 1, 86_400),
            MinDeviceGflops = Int("MENTIA_MIN_DEVICE_GFLOPS", d.MinDeviceGflops, 1, 1_000_000),
            DeliveryRetries = Int("MENTIA_DELIVERY_RETRIES", d.DeliveryRetries, 1, 1000),
            MnistCache = get("MENTIA_MNIST_DIR") is { Length: > 0 } m ? m : d.MnistCache,
            PlacementFallback = Bool("MENTIA_PLACEMENT_FALLBACK", d.PlacementFallback),
            MemoryState = Bool("MENTIA_MEMORY_STATE", d.MemoryState),
            FastFailureDetection = Bool("MENTIA_FAST_FAILURE_DETECTION", d.FastFailureDetection),
            Dashboard = Bool("MENTIA_DASHBOARD", d.Dashboard),
            LivePage = Bool("MENTIA_LIVE_PAGE", d.LivePage),
            Metrics = Bool("MENTIA_METRICS", d.Metrics),
            Tls = Tls(),
        };
        if (errors.Count > 0)
        {
            throw new ArgumentException("silo settings: " + string.Join("; ", errors));
        }
        return settings;
    }

    /// <summary>Environment first, then --kebab-case command-line overrides of the same names.</summary>
    public static SiloSettings FromEnvironmentAndArgs(string[] args)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'; use --name value, e.g. --silo-port 11112 (names: the MENTIA_* variables in kebab case)");
            }
            var name = "MENTIA_" + args[i][2..].Replace('-', '_').ToUpperInvariant();
            overrides[name] = args[++i];
        }
        return From(name => overrides.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name));
    }
}
