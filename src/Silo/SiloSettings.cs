using System.ComponentModel.DataAnnotations;
using System.Net;
using Mentia.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mentia.Silo;

/// <summary>
/// Everything a silo is told from outside: an options class bound by Microsoft.Extensions.Configuration from
/// MENTIA_* environment variables (the contract with k8s/ and the integration tests), overridden by command-line
/// flags of the same names in kebab case (--silo-port 11112), and validated by <see cref="SiloSettingsValidation"/>
/// against the [Range] and [AllowedValues] below. Each property's variable is MENTIA_ + its [ConfigurationKeyName];
/// an empty value means the default. Invalid values fail at start, all together, each with the variable's name,
/// the value given and what is allowed.
/// </summary>
public sealed record SiloSettings
{
    /// <summary>The prefix of every variable; the configuration keys below are the names without it.</summary>
    public const string Prefix = "MENTIA_";

    /// <summary>local: localhost clustering (a laptop); cluster: Azure Table membership (several machines).</summary>
    [ConfigurationKeyName("MODE"), AllowedValues("local", "cluster")]
    public string Mode { get; init; } = "local";

    /// <summary>The Azure Storage connection string (blobs, tables); default: the local Azurite.</summary>
    [ConfigurationKeyName("STORAGE_CONNECTION")]
    public string StorageConnection { get; init; } = Mentia.Storage.AzuriteEndpoint.Default.ConnectionString;

    /// <summary>Orleans' cluster id: silos with the same id form one cluster.</summary>
    [ConfigurationKeyName("CLUSTER_ID")]
    public string ClusterId { get; init; } = "mentia";

    /// <summary>Orleans' service id: keys the grain state and reminders across cluster restarts.</summary>
    [ConfigurationKeyName("SERVICE_ID")]
    public string ServiceId { get; init; } = "mentia";

    /// <summary>The silo-to-silo TCP port.</summary>
    [ConfigurationKeyName("SILO_PORT"), Range(1, 65535)]
    public int SiloPort { get; init; } = 11111;

    /// <summary>The TCP port clients connect to.</summary>
    [ConfigurationKeyName("GATEWAY_PORT"), Range(1, 65535)]
    public int GatewayPort { get; init; } = 30000;

    /// <summary>Local mode: the first silo's endpoint that later silos join (none: this silo is the first).</summary>
    [ConfigurationKeyName("PRIMARY")]
    public IPEndPoint? Primary { get; init; }

    /// <summary>Cluster mode: the address other silos and clients reach this silo at.</summary>
    [ConfigurationKeyName("ADVERTISED_IP")]
    public IPAddress AdvertisedIp { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// Cluster mode: the address the silo and gateway ports bind (MENTIA_LISTEN_ADDRESS); null binds the
    /// advertised address only, so a machine with several networks does not expose the ports on all of them.
    /// 0.0.0.0 binds every address (in a pod: the pod IP and loopback, which kubectl port-forward needs).
    /// </summary>
    [ConfigurationKeyName("LISTEN_ADDRESS")]
    public IPAddress? ListenAddress { get; init; }

    /// <summary>Orleans' silo name (in k8s: the pod's name); null: Orleans picks one.</summary>
    [ConfigurationKeyName("SILO_NAME")]
    public string? SiloName { get; init; }

    /// <summary>The training device: cpu, cuda, or auto (cuda when available).</summary>
    [ConfigurationKeyName("DEVICE"), AllowedValues("auto", "cpu", "cuda")]
    public string Device { get; init; } = "auto";

    /// <summary>gpu or cpu; auto: gpu when the resolved device is CUDA.</summary>
    [ConfigurationKeyName("ROLE"), AllowedValues("auto", "gpu", "cpu")]
    public string Role { get; init; } = "auto";

    /// <summary>The HTTP port of health, live page, metrics and dashboard; 0: any free port.</summary>
    [ConfigurationKeyName("HTTP_PORT"), Range(0, 65535)]
    public int HttpPort { get; init; } = 8080;

    /// <summary>The address the HTTP port binds (loopback by default: nothing on it authenticates).</summary>
    [ConfigurationKeyName("HTTP_BIND")]
    public IPAddress HttpBind { get; init; } = IPAddress.Loopback;

    /// <summary>How long a stop may take to hand grains off, seconds.</summary>
    [ConfigurationKeyName("SHUTDOWN_TIMEOUT_SECONDS"), Range(1, 3600)]
    public int ShutdownTimeoutSeconds { get; init; } = 60;

    /// <summary>Torch's intra-op threads; 0: the device executor's choice.</summary>
    [ConfigurationKeyName("THREADS"), Range(0, 1024)]
    public int Threads { get; init; }

    /// <summary>Training runs grouped into one batched ensemble at most.</summary>
    [ConfigurationKeyName("MAX_ENSEMBLE"), Range(1, 1024)]
    public int MaxEnsemble { get; init; } = 16;

    /// <summary>Where the MNIST files are cached (filled from the datasets container when empty).</summary>
    [ConfigurationKeyName("MNIST_DIR")]
    public string MnistCache { get; init; } = Path.Combine(Path.GetTempPath(), "mentia-mnist");

    /// <summary>Training placement falls back to any silo when none has an accelerator.</summary>
    [ConfigurationKeyName("PLACEMENT_FALLBACK")]
    public bool PlacementFallback { get; init; } = true;

    /// <summary>Replicas in training at once per sweep, cluster-wide (see SweepOptions.DispatchWindow).</summary>
    [ConfigurationKeyName("DISPATCH_WINDOW"), Range(1, 1_000_000)]
    public int DispatchWindow { get; init; } = 64;

    /// <summary>Fixed part of every work deadline, seconds (SweepOptions.WorkGrace): work not reported within it plus its silo's backlog is redone.</summary>
    [ConfigurationKeyName("WORK_GRACE_SECONDS"), Range(1, 86_400)]
    public int WorkGraceSeconds { get; init; } = 120;

    /// <summary>The slowest device work is expected on, GFLOP/s (SweepOptions.MinDeviceFlops): sizes the deadlines.</summary>
    [ConfigurationKeyName("MIN_DEVICE_GFLOPS"), Range(1, 1_000_000)]
    public int MinDeviceGflops { get; init; } = 1;

    /// <summary>Retries of each result delivery step before it is left to supervision (DeviceExecutorOptions.DeliveryRetries).</summary>
    [ConfigurationKeyName("DELIVERY_RETRIES"), Range(1, 1000)]
    public int DeliveryRetries { get; init; } = 30;

    /// <summary>Grain state in memory instead of blob storage (tests only).</summary>
    [ConfigurationKeyName("MEMORY_STATE")]
    public bool MemoryState { get; init; }

    /// <summary>Declare a silo dead within seconds rather than Orleans' default tens of seconds: for small loopback clusters and tests.</summary>
    [ConfigurationKeyName("FAST_FAILURE_DETECTION")]
    public bool FastFailureDetection { get; init; }

    /// <summary>The Orleans Dashboard at /dashboard on the HTTP port (MENTIA_DASHBOARD). It has no authentication: the Kubernetes overlays turn it off.</summary>
    [ConfigurationKeyName("DASHBOARD")]
    public bool Dashboard { get; init; } = true;

    /// <summary>The live sweep page at / and /sweeps/{id} on the HTTP port (MENTIA_LIVE_PAGE): read-only, no authentication, like the port itself.</summary>
    [ConfigurationKeyName("LIVE_PAGE")]
    public bool LivePage { get; init; } = true;

    /// <summary>Prometheus metrics at /metrics on the HTTP port (MENTIA_METRICS): Orleans' meters and Mentia's.</summary>
    [ConfigurationKeyName("METRICS")]
    public bool Metrics { get; init; } = true;

    /// <summary>
    /// Mutual TLS on the silo and gateway ports (MENTIA_TLS_CERT, MENTIA_TLS_KEY, MENTIA_TLS_CA, MENTIA_TLS_PASSWORD,
    /// read from the same configuration by <see cref="ClusterTls.FromEnvironment"/>, which loads and checks the files); null: plain TCP.
    /// </summary>
    public ClusterTls? Tls { get; init; }

    /// <summary>Environment variables, then --kebab-case command-line overrides of the same names.</summary>
    /// <exception cref="ArgumentException">An argument that is not --name value with a known name, or any invalid value (all of them, named).</exception>
    public static SiloSettings FromEnvironmentAndArgs(string[] args) =>
        FromArgs(args, new ConfigurationBuilder().AddEnvironmentVariables(Prefix));

    /// <summary><paramref name="args"/> over <paramref name="environment"/> (keys without MENTIA_): the tests' way in.</summary>
    internal static SiloSettings FromArgs(string[] args, IConfigurationBuilder environment) =>
        From(environment.AddCommandLine(SiloSetting.CheckArguments(args), SiloSetting.SwitchMappings).Build());

    /// <summary>The settings from a lookup of variable names (MENTIA_SILO_PORT → "11112", null when unset): for tests.</summary>
    /// <exception cref="ArgumentException">Any invalid value (all of them, named).</exception>
    public static SiloSettings From(Func<string, string?> get) =>
        From(new ConfigurationBuilder()
            .AddInMemoryCollection(SiloSetting.Keys.Select(key => KeyValuePair.Create(key, get(Prefix + key))))
            .Build());

    /// <summary>
    /// Binds and validates <paramref name="configuration"/>, whose keys are the variable names without MENTIA_
    /// (SILO_PORT). The binder sees only the values that convert to their property's type (it would throw an
    /// InvalidOperationException on the first that does not); the validator reports those and the out-of-range ones.
    /// </summary>
    /// <exception cref="ArgumentException">"silo settings: " and every problem, '; '-separated, in declaration order, TLS last.</exception>
    public static SiloSettings From(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddOptions<SiloSettings>().Bind(SiloSetting.Bindable(configuration));
        services.AddSingleton<IValidateOptions<SiloSettings>>(new SiloSettingsValidation(configuration));
        using var provider = services.BuildServiceProvider();
        var errors = new List<string>();
        var settings = new SiloSettings();
        try
        {
            settings = provider.GetRequiredService<IOptions<SiloSettings>>().Value;
        }
        catch (OptionsValidationException e)
        {
            errors.AddRange(e.Failures);
        }
        try
        {
            settings = settings with { Tls = ClusterTls.FromEnvironment(name => configuration[name[Prefix.Length..]], TlsRole.Silo) };
        }
        catch (TlsSettingsException e)
        {
            errors.Add(e.Message);
        }
        if (errors.Count > 0)
        {
            throw new ArgumentException("silo settings: " + string.Join("; ", errors));
        }
        return settings;
    }
}
