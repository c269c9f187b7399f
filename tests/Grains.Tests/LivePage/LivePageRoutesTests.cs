using Mentia.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Mentia.Grains.Tests.LivePage;

/// <summary>
/// What the silo's HTTP host maps, read from the built (not started) host: the live page and /metrics by default,
/// neither when turned off, every page route read-only (GET), and all of it on the loopback address unless
/// MENTIA_HTTP_BIND says otherwise.
/// </summary>
public class LivePageRoutesTests
{
    private static readonly string[] PageRoutes = ["/", "/sweeps/{id}", "/api/sweeps", "/api/sweeps/{id}", "/api/sweeps/{id}/events",
        "/sweeps/{id}/results.json", "/sweeps/{id}/cells.csv", "/sweeps/{id}/report/{file}"];

    private static (SiloSettings Settings, List<RouteEndpoint> Endpoints) Build(Dictionary<string, string> env)
    {
        var (settings, app) = BuildApp(env);
        return (settings, ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList());
    }

    private static (SiloSettings Settings, WebApplication App) BuildApp(Dictionary<string, string> env)
    {
        env["MENTIA_STORAGE_CONNECTION"] = Mentia.Storage.AzuriteEndpoint.Default.ConnectionString; // never contacted: the host is built, not started
        var settings = SiloSettings.From(n => env.GetValueOrDefault(n));
        return (settings, SiloHostBuilder.Build(settings));
    }

    [Fact]
    public void The_host_listens_where_mentia_http_bind_says_and_on_loopback_answers_only_loopback_host_names()
    {
        var (_, app) = BuildApp([]);
        Assert.Equal("http://127.0.0.1:8080", app.Configuration[WebHostDefaults.ServerUrlsKey]);
        var filtering = app.Services.GetRequiredService<IOptions<HostFilteringOptions>>().Value;
        Assert.Equal(SiloHostBuilder.LoopbackHosts, filtering.AllowedHosts);
        Assert.False(filtering.AllowEmptyHosts);

        var (_, everywhere) = BuildApp(new() { ["MENTIA_HTTP_BIND"] = "0.0.0.0", ["MENTIA_HTTP_PORT"] = "9090" });
        Assert.Equal("http://0.0.0.0:9090", everywhere.Configuration[WebHostDefaults.ServerUrlsKey]);
        // Beyond loopback the operator's ingress decides which names reach it (README, "Security"): no filter of Mentia's.
        Assert.DoesNotContain("localhost", everywhere.Services.GetRequiredService<IOptions<HostFilteringOptions>>().Value.AllowedHosts);
    }

    [Fact]
    public void The_page_and_metrics_are_mapped_by_default_read_only_and_on_loopback()
    {
        var (settings, endpoints) = Build([]);
        var routes = endpoints.Select(e => e.RoutePattern.RawText).ToHashSet();
        foreach (var route in PageRoutes.Append("/metrics"))
        {
            Assert.Contains(route, routes);
        }
        // Read-only: no route of the page takes a request that could change a sweep (health and metrics are the frameworks' own).
        var page = endpoints.Where(e => e.RoutePattern.RawText is "/" || e.RoutePattern.RawText!.StartsWith("/sweeps", StringComparison.Ordinal)
                                        || e.RoutePattern.RawText.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.True(page.Count >= PageRoutes.Length);
        foreach (var e in page)
        {
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            Assert.True(methods.Count > 0 && methods.All(m => m is "GET" or "HEAD"), $"{e.RoutePattern.RawText} accepts {string.Join(", ", methods.DefaultIfEmpty("any method"))}");
        }
        Assert.Equal("127.0.0.1", settings.HttpBind.ToString());
    }

    [Fact]
    public void Mentia_live_page_and_mentia_metrics_false_turn_them_off()
    {
        var (_, endpoints) = Build(new() { ["MENTIA_LIVE_PAGE"] = "false", ["MENTIA_METRICS"] = "false" });
        var routes = endpoints.Select(e => e.RoutePattern.RawText).ToHashSet();
        Assert.DoesNotContain("/metrics", routes);
        foreach (var route in PageRoutes)
        {
            Assert.DoesNotContain(route, routes);
        }
        Assert.Contains("/health/ready", routes); // the rest of the host is untouched
    }

    [Fact]
    public void A_bad_value_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => SiloSettings.From(n => n == "MENTIA_LIVE_PAGE" ? "maybe" : null));
        Assert.Contains("MENTIA_LIVE_PAGE='maybe' is not allowed; allowed: true, false", e.Message, StringComparison.Ordinal);
    }
}
