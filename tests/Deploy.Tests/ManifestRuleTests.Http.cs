using Xunit;

namespace Mentia.Deploy.Tests;

/// <summary>The silos' HTTP port (live page, /metrics, health): scraped by Prometheus' convention, never published outside the cluster.</summary>
public sealed partial class ManifestRuleTests
{
    [Theory]
    [MemberData(nameof(ClusterOverlays))]
    public void Silos_are_annotated_for_prometheus_to_scrape_metrics_on_their_http_port(string overlay)
    {
        var r = Rendered.Of(overlay);
        var (gpu, cpu) = Silos(r);
        foreach (var silo in new[] { gpu, cpu })
        {
            var annotations = Y.Map(silo.Root, "spec", "template", "metadata", "annotations");
            Assert.True(annotations is not null, $"{silo}: the pod template has no annotations");
            Assert.Equal("true", Y.Str(annotations, "prometheus.io/scrape"));
            Assert.Equal("/metrics", Y.Str(annotations, "prometheus.io/path"));
            var c = OnlyContainer(silo);
            var http = Assert.Single(Y.List(c, "ports"), p => Y.Str(p, "name") == "http");
            Assert.Equal(Y.Int(http, "containerPort")?.ToString(System.Globalization.CultureInfo.InvariantCulture), Y.Str(annotations, "prometheus.io/port"));
            var env = Env(c, r);
            Assert.Equal(Y.Str(annotations, "prometheus.io/port"), EnvString(env, "MENTIA_HTTP_PORT"));
            // Metrics are on unless turned off; an overlay that turns them off must drop the annotation too.
            Assert.False(env.TryGetValue("MENTIA_METRICS", out var metrics) && metrics is string s && s.Equals("false", StringComparison.OrdinalIgnoreCase),
                $"{silo}: MENTIA_METRICS=false but Prometheus is told to scrape it");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_live_page_and_metrics_are_not_exposed_outside_the_cluster(string overlay)
    {
        // The HTTP port has no authentication: publishing it is the operator's decision, with auth in front.
        var r = Rendered.Of(overlay);
        Assert.DoesNotContain(r.Objects, o => o.Kind is "Ingress" or "Gateway" or "HTTPRoute" or "IngressRoute");
        foreach (var service in r.OfKind("Service"))
        {
            var type = Y.Str(service.Root, "spec", "type") ?? "ClusterIP";
            Assert.True(type == "ClusterIP", $"{overlay}: {service} is {type}; only ClusterIP Services (reach them with kubectl port-forward)");
            Assert.Empty(Y.List(service.Root, "spec", "externalIPs"));
        }
        foreach (var workload in Workloads(r))
        foreach (var (container, _) in workload.Containers())
        {
            Assert.DoesNotContain(Y.List(container, "ports"), p => Y.Get(p, "hostPort") is not null);
        }
    }
}
