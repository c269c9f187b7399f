using System.Net;
using Mentia.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Xunit;

namespace Mentia.Grains.Tests;

/// <summary>
/// In cluster mode the silo and gateway ports bind the advertised address, not every address, unless
/// MENTIA_LISTEN_ADDRESS says otherwise: the settings → Orleans EndpointOptions mapping, through the real host.
/// </summary>
public class SiloEndpointTests
{
    private static EndpointOptions Endpoints(Dictionary<string, string> env)
    {
        env["MENTIA_MODE"] = "cluster";
        env["MENTIA_STORAGE_CONNECTION"] = Mentia.Storage.AzuriteEndpoint.Default.ConnectionString; // never contacted: the host is built, not started
        var settings = SiloSettings.From(n => env.GetValueOrDefault(n));
        var app = SiloHostBuilder.Build(settings);
        return app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
    }

    [Fact]
    public void Cluster_mode_binds_the_advertised_address_by_default()
    {
        var o = Endpoints(new() { ["MENTIA_ADVERTISED_IP"] = "10.1.2.3", ["MENTIA_SILO_PORT"] = "11112", ["MENTIA_GATEWAY_PORT"] = "30001" });
        Assert.Equal(IPAddress.Parse("10.1.2.3"), o.AdvertisedIPAddress);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.1.2.3"), 11112), o.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.1.2.3"), 30001), o.GatewayListeningEndpoint);
        Assert.Equal(11112, o.SiloPort);
        Assert.Equal(30001, o.GatewayPort);
    }

    [Fact]
    public void Loopback_advertised_means_loopback_bound_as_in_the_tests()
    {
        var o = Endpoints(new() { ["MENTIA_ADVERTISED_IP"] = "127.0.0.1" });
        Assert.Equal(IPAddress.Loopback, o.SiloListeningEndpoint!.Address);
        Assert.Equal(IPAddress.Loopback, o.GatewayListeningEndpoint!.Address);
    }

    [Fact]
    public void Mentia_listen_address_overrides_the_bound_address_but_not_the_advertised_one()
    {
        var o = Endpoints(new() { ["MENTIA_ADVERTISED_IP"] = "10.1.2.3", ["MENTIA_LISTEN_ADDRESS"] = "0.0.0.0" });
        Assert.Equal(IPAddress.Parse("10.1.2.3"), o.AdvertisedIPAddress);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), o.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 30000), o.GatewayListeningEndpoint);
    }

    [Fact]
    public void A_listen_address_that_is_not_an_ip_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => SiloSettings.From(n => n == "MENTIA_LISTEN_ADDRESS" ? "everywhere" : null));
        Assert.Contains("MENTIA_LISTEN_ADDRESS='everywhere' is not allowed; allowed: an IP address", e.Message, StringComparison.Ordinal);
    }
}
