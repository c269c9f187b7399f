using System.Net;
using Mentia.Silo;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Mentia.Grains.Tests;

/// <summary>
/// The silo's settings through Microsoft.Extensions.Configuration: every MENTIA_* variable reaches its property,
/// every bad value is named with what is allowed (all of them at once, never as a binder's exception), the
/// --kebab-case flags override the environment, and an unknown flag is refused.
/// </summary>
public class SiloSettingsTests
{
    /// <summary>A non-default valid text for every variable, and what the settings must then hold.</summary>
    private static readonly (string Variable, string Text, Func<SiloSettings, object?> Read, object? Expected)[] Valid =
    [
        ("MENTIA_MODE", "Cluster", s => s.Mode, "cluster"),
        ("MENTIA_STORAGE_CONNECTION", "UseDevelopmentStorage=true", s => s.StorageConnection, "UseDevelopmentStorage=true"),
        ("MENTIA_CLUSTER_ID", "c1", s => s.ClusterId, "c1"),
        ("MENTIA_SERVICE_ID", "s1", s => s.ServiceId, "s1"),
        ("MENTIA_SILO_PORT", "11112", s => s.SiloPort, 11112),
        ("MENTIA_GATEWAY_PORT", "30001", s => s.GatewayPort, 30001),
        ("MENTIA_PRIMARY", "127.0.0.1:11111", s => s.Primary, new IPEndPoint(IPAddress.Loopback, 11111)),
        ("MENTIA_ADVERTISED_IP", "10.1.2.3", s => s.AdvertisedIp, IPAddress.Parse("10.1.2.3")),
        ("MENTIA_LISTEN_ADDRESS", "0.0.0.0", s => s.ListenAddress, IPAddress.Any),
        ("MENTIA_SILO_NAME", "pod-7", s => s.SiloName, "pod-7"),
        ("MENTIA_DEVICE", "cuda", s => s.Device, "cuda"),
        ("MENTIA_ROLE", "GPU", s => s.Role, "gpu"),
        ("MENTIA_HTTP_PORT", "0", s => s.HttpPort, 0),
        ("MENTIA_HTTP_BIND", "::1", s => s.HttpBind, IPAddress.IPv6Loopback),
        ("MENTIA_SHUTDOWN_TIMEOUT_SECONDS", "150", s => s.ShutdownTimeoutSeconds, 150),
        ("MENTIA_THREADS", "3", s => s.Threads, 3),
        ("MENTIA_MAX_ENSEMBLE", "1024", s => s.MaxEnsemble, 1024),
        ("MENTIA_MNIST_DIR", "/var/cache/mentia", s => s.MnistCache, "/var/cache/mentia"),
        ("MENTIA_PLACEMENT_FALLBACK", "false", s => s.PlacementFallback, false),
        ("MENTIA_DISPATCH_WINDOW", "1", s => s.DispatchWindow, 1),
        ("MENTIA_WORK_GRACE_SECONDS", "86400", s => s.WorkGraceSeconds, 86_400),
        ("MENTIA_MIN_DEVICE_GFLOPS", "50", s => s.MinDeviceGflops, 50),
        ("MENTIA_DELIVERY_RETRIES", "2", s => s.DeliveryRetries, 2),
        ("MENTIA_MEMORY_STATE", "True", s => s.MemoryState, true),
        ("MENTIA_FAST_FAILURE_DETECTION", "true", s => s.FastFailureDetection, true),
        ("MENTIA_DASHBOARD", "false", s => s.Dashboard, false),
        ("MENTIA_LIVE_PAGE", "false", s => s.LivePage, false),
        ("MENTIA_METRICS", "FALSE", s => s.Metrics, false),
    ];

    private static ArgumentException Refused(Dictionary<string, string> env) =>
        Assert.Throws<ArgumentException>(() => SiloSettings.From(n => env.GetValueOrDefault(n)));

    [Fact]
    public void Every_variable_reaches_its_setting_and_the_table_covers_them_all()
    {
        Assert.Equal(SiloSetting.All.Select(s => s.Variable).Order(), Valid.Select(v => v.Variable).Order());
        var defaults = new SiloSettings();
        foreach (var (variable, text, read, expected) in Valid)
        {
            Assert.NotEqual(expected, read(defaults)); // else the round trip proves nothing
            var settings = SiloSettings.From(n => n == variable ? text : null);
            Assert.Equal(expected, read(settings));
        }
    }

    [Fact]
    public void Unset_or_empty_variables_leave_every_default()
    {
        var defaults = new SiloSettings();
        foreach (var settings in new[] { SiloSettings.From(_ => null), SiloSettings.From(_ => "") })
        {
            foreach (var (variable, _, read, _) in Valid)
            {
                Assert.True(Equals(read(defaults), read(settings)), variable);
            }
            Assert.Null(settings.Tls);
        }
    }

    [Theory]
    [InlineData("MENTIA_MODE", "swarm", "local, cluster")]
    [InlineData("MENTIA_DEVICE", "tpu", "auto, cpu, cuda")]
    [InlineData("MENTIA_ROLE", "fpga", "auto, gpu, cpu")]
    [InlineData("MENTIA_SILO_PORT", "0", "integers in [1, 65535]")]
    [InlineData("MENTIA_GATEWAY_PORT", "65536", "integers in [1, 65535]")]
    [InlineData("MENTIA_HTTP_PORT", "-1", "integers in [0, 65535]")]
    [InlineData("MENTIA_SHUTDOWN_TIMEOUT_SECONDS", "3601", "integers in [1, 3600]")]
    [InlineData("MENTIA_THREADS", "1025", "integers in [0, 1024]")]
    [InlineData("MENTIA_MAX_ENSEMBLE", "0", "integers in [1, 1024]")]
    [InlineData("MENTIA_DISPATCH_WINDOW", "1000001", "integers in [1, 1000000]")]
    [InlineData("MENTIA_WORK_GRACE_SECONDS", "86401", "integers in [1, 86400]")]
    [InlineData("MENTIA_MIN_DEVICE_GFLOPS", "0", "integers in [1, 1000000]")]
    [InlineData("MENTIA_DELIVERY_RETRIES", "1001", "integers in [1, 1000]")]
    [InlineData("MENTIA_SILO_PORT", "eleven", "integers in [1, 65535]")]
    [InlineData("MENTIA_THREADS", "99999999999", "integers in [0, 1024]")]
    [InlineData("MENTIA_PLACEMENT_FALLBACK", "yes", "true, false")]
    [InlineData("MENTIA_MEMORY_STATE", "1", "true, false")]
    [InlineData("MENTIA_FAST_FAILURE_DETECTION", "on", "true, false")]
    [InlineData("MENTIA_DASHBOARD", "maybe", "true, false")]
    [InlineData("MENTIA_METRICS", "no", "true, false")]
    [InlineData("MENTIA_PRIMARY", "127.0.0.1", "an address and port such as 127.0.0.1:11111")]
    [InlineData("MENTIA_ADVERTISED_IP", "silo-0", "an IP address such as 10.1.2.3 or ::1")]
    [InlineData("MENTIA_HTTP_BIND", "localhost", "an IP address such as 10.1.2.3 or ::1")]
    public void A_bad_value_is_named_with_the_value_and_what_is_allowed(string variable, string text, string allowed)
    {
        var e = Refused(new() { [variable] = text });
        Assert.Equal($"silo settings: {variable}='{text}' is not allowed; allowed: {allowed}", e.Message);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once_in_declaration_order()
    {
        var e = Refused(new()
        {
            ["MENTIA_METRICS"] = "maybe",
            ["MENTIA_SILO_PORT"] = "x",
            ["MENTIA_GATEWAY_PORT"] = "70000",
            ["MENTIA_MODE"] = "swarm",
            ["MENTIA_TLS_KEY"] = "/some/tls.key",
        });
        Assert.Equal("silo settings: MENTIA_MODE='swarm' is not allowed; allowed: local, cluster; "
            + "MENTIA_SILO_PORT='x' is not allowed; allowed: integers in [1, 65535]; "
            + "MENTIA_GATEWAY_PORT='70000' is not allowed; allowed: integers in [1, 65535]; "
            + "MENTIA_METRICS='maybe' is not allowed; allowed: true, false; "
            + "MENTIA_TLS_CERT: not set, but MENTIA_TLS_KEY is: mutual TLS needs this process's own certificate (PEM or PKCS#12)", e.Message);
    }

    private static SiloSettings FromArgs(Dictionary<string, string?> environment, params string[] args) =>
        SiloSettings.FromArgs(args, new ConfigurationBuilder().AddInMemoryCollection(environment));

    [Fact]
    public void The_command_line_overrides_the_environment_in_either_form()
    {
        var environment = new Dictionary<string, string?> { ["SILO_PORT"] = "11112", ["GATEWAY_PORT"] = "30001", ["MODE"] = "cluster" };
        var settings = FromArgs(environment, "--silo-port", "11113", "--gateway-port=30002", "--primary", "127.0.0.1:11111");
        Assert.Equal(11113, settings.SiloPort);
        Assert.Equal(30002, settings.GatewayPort);
        Assert.Equal("cluster", settings.Mode); // not overridden: the environment's
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 11111), settings.Primary);
        Assert.Equal(11112, FromArgs(environment).SiloPort);
        // An empty flag means the default, as an empty variable does, not the environment's value.
        Assert.Equal(11111, FromArgs(environment, "--silo-port", "").SiloPort);
    }

    [Fact]
    public void A_bad_flag_value_is_named_by_its_variable()
    {
        var e = Assert.Throws<ArgumentException>(() => FromArgs([], "--http-port", "http"));
        Assert.Equal("silo settings: MENTIA_HTTP_PORT='http' is not allowed; allowed: integers in [0, 65535]", e.Message);
    }

    [Theory]
    [InlineData("unknown option '--silo-prot'", "--silo-prot", "11112")]
    [InlineData("unknown option '--bogus'", "--bogus=1")]
    [InlineData("unexpected argument 'stray'", "stray")]
    [InlineData("unexpected argument '-p'", "-p", "1")]
    [InlineData("unexpected argument '--silo-port'", "--silo-port")]
    public void An_unknown_or_malformed_argument_is_refused(string message, params string[] args)
    {
        var e = Assert.Throws<ArgumentException>(() => FromArgs([], args));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_silo_exits_2_with_every_bad_value_and_no_stack_trace()
    {
        var run = ClusterTlsSettingsTests.Run(Path.Combine(ClusterTlsSettingsTests.BinFolder("Silo"), "Mentia.Silo.dll"), ["--threads", "many"],
            new() { ["MENTIA_SILO_PORT"] = "eleven", ["MENTIA_DASHBOARD"] = "maybe" });
        Assert.Equal(2, run.Code);
        Assert.Equal("error: silo settings: MENTIA_SILO_PORT='eleven' is not allowed; allowed: integers in [1, 65535]; "
            + "MENTIA_THREADS='many' is not allowed; allowed: integers in [0, 1024]; "
            + "MENTIA_DASHBOARD='maybe' is not allowed; allowed: true, false", run.Err.Trim());

        run = ClusterTlsSettingsTests.Run(Path.Combine(ClusterTlsSettingsTests.BinFolder("Silo"), "Mentia.Silo.dll"), ["--silo-prot", "1"], []);
        Assert.Equal(2, run.Code);
        Assert.StartsWith("error: unknown option '--silo-prot'; known: --mode, ", run.Err.Trim(), StringComparison.Ordinal);
    }
}
