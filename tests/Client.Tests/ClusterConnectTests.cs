using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests;

/// <summary>
/// Cluster commands with no silo to answer fail fast: one line naming the gateway, where it came from and
/// the option that changes it, exit 1; an unresolvable host the same, with no exception text.
/// </summary>
[Collection(ClusterEnvironmentTests.Collection)]
public class ClusterConnectTests
{
    // Generous: the point is "seconds, not the Orleans client's minutes of retrying", not a precise timing.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);


    private static (CliRunner.Result Result, TimeSpan Took) Timed(params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var r = CliRunner.Run(args);
        return (r, clock.Elapsed);
    }

    private static void AssertOneLine(CliRunner.Result r)
    {
        Assert.Equal(1, r.Code);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.DoesNotContain("Exception", r.Err);
        Assert.Contains("--gateway", r.Err);
    }

    [Fact]
    public void List_with_no_silo_at_the_gateway_fails_within_its_timeout_naming_the_gateway_and_the_option()
    {
        var port = TestPorts.Closed();
        var (r, took) = Timed("list", "--gateway", $"127.0.0.1:{port}", "--timeout", "2");
        AssertOneLine(r);
        Assert.Contains($"no Mentia gateway answered at 127.0.0.1:{port} (from --gateway) within 2 s (--timeout)", r.Err);
        Assert.Contains("--timeout SECONDS", r.Err);
        Assert.True(took < Bound, $"took {took}");
    }

    [Fact]
    public void Status_without_a_timeout_is_bounded_by_the_default()
    {
        var port = TestPorts.Closed();
        var (r, took) = Timed("status", "some-sweep", "--gateway", $"127.0.0.1:{port}");
        AssertOneLine(r);
        Assert.Contains($"127.0.0.1:{port} (from --gateway) within 10 s (the default timeout)", r.Err);
        Assert.True(took < Bound, $"took {took}");
    }

    [Fact]
    public void An_unresolvable_host_is_named_without_exception_text()
    {
        // .invalid never resolves (RFC 2606).
        var (r, took) = Timed("list", "--gateway", "nohost.invalid:1", "--timeout", "5");
        AssertOneLine(r);
        Assert.Contains("the gateway host 'nohost.invalid' of nohost.invalid:1 (from --gateway) cannot be resolved", r.Err);
        Assert.DoesNotContain("Name or service", r.Err);
        Assert.True(took < Bound, $"took {took}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("3601")]
    public void A_timeout_out_of_range_is_bad_input_naming_the_range(string seconds)
    {
        var r = CliRunner.Run("list", "--timeout", seconds);
        Assert.Equal(2, r.Code);
        Assert.Contains($"--timeout: {seconds} is out of range; allowed: [0.1, 3600] seconds", r.Err);
    }

    [Fact]
    public void A_gateway_that_is_not_host_and_port_is_bad_input()
    {
        var r = CliRunner.Run("list", "--gateway", "just-a-host");
        Assert.Equal(2, r.Code);
        Assert.Contains("--gateway: 'just-a-host' is not HOST:PORT", r.Err);
    }
}

/// <summary>
/// The environment variables of the cluster settings. Every test of this class sets and restores them, and
/// xunit runs the tests of one collection one at a time: ClusterConnectTests, which relies on the defaults,
/// shares it. No other test reads these variables.
/// </summary>
[Collection(Collection)]
public class ClusterEnvironmentTests
{
    public const string Collection = "cluster environment variables";

    private static CliRunner.Result WithEnvironment(string? gateway, string? timeout, params string[] args)
    {
        var saved = (Environment.GetEnvironmentVariable("MENTIA_GATEWAY"), Environment.GetEnvironmentVariable("MENTIA_TIMEOUT"));
        try
        {
            Environment.SetEnvironmentVariable("MENTIA_GATEWAY", gateway);
            Environment.SetEnvironmentVariable("MENTIA_TIMEOUT", timeout);
            return CliRunner.Run(args);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MENTIA_GATEWAY", saved.Item1);
            Environment.SetEnvironmentVariable("MENTIA_TIMEOUT", saved.Item2);
        }
    }

    [Fact]
    public void The_gateway_and_timeout_from_the_environment_are_named_as_such()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var r = WithEnvironment($"127.0.0.1:{port}", "1.5", "list");
        Assert.Equal(1, r.Code);
        Assert.Contains($"no Mentia gateway answered at 127.0.0.1:{port} (from $MENTIA_GATEWAY) within 1.5 s ($MENTIA_TIMEOUT)", r.Err);
    }

    [Fact]
    public void A_bad_timeout_in_the_environment_is_bad_input_naming_the_variable()
    {
        var r = WithEnvironment("127.0.0.1:1", "soon", "list");
        Assert.Equal(2, r.Code);
        Assert.Contains("$MENTIA_TIMEOUT: 'soon' is not allowed; allowed: seconds in [0.1, 3600]", r.Err);
    }
}
