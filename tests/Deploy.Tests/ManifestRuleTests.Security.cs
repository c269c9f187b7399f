using Xunit;

namespace Mentia.Deploy.Tests;

/// <summary>
/// Security in the rendered overlays: NetworkPolicy mentia-silo admits each silo port only from its own
/// callers; silos and the submit Job mount their TLS Secret and name its files in MENTIA_TLS_*; the Orleans
/// Dashboard is off; the submit Job carries the client label the policy admits.
/// </summary>
public sealed partial class ManifestRuleTests
{
    private const string ClientLabel = "app.kubernetes.io/component";
    private const string TlsMount = "/etc/mentia/tls";

    public static TheoryData<string> SubmitJobs() => new(["overlays/azure/jobs/submit-sweep", "overlays/local/jobs/submit-sweep"]);

    /// <summary>The policy's rules by the port they open: (port, the rule's single peer).</summary>
    private static Dictionary<int, Dictionary<object, object?>> IngressRules(K8sObject policy)
    {
        var rules = new Dictionary<int, Dictionary<object, object?>>();
        foreach (var rule in Y.List(policy.Root, "spec", "ingress"))
        {
            var peer = Assert.Single(Y.List(rule, "from")) as Dictionary<object, object?>;
            var port = Assert.Single(Y.List(rule, "ports"));
            Assert.Equal("TCP", Y.Str(port, "protocol"));
            rules.Add(Y.Int(port, "port") ?? throw new Xunit.Sdk.XunitException($"{policy}: a rule's port is not a number"), peer!);
        }
        return rules;
    }

    [Theory]
    [MemberData(nameof(ClusterOverlays))]
    public void A_network_policy_admits_each_silo_port_only_from_its_callers(string overlay)
    {
        var r = Rendered.Of(overlay);
        var (gpu, cpu) = Silos(r);
        var policy = r.Single("NetworkPolicy", "mentia-silo");
        Assert.Equal("networking.k8s.io/v1", policy.ApiVersion);
        Assert.True(Selects(Y.Map(policy.Root, "spec", "podSelector", "matchLabels"), gpu.PodLabels), $"{overlay}: the policy must select the GPU silos");
        Assert.True(Selects(Y.Map(policy.Root, "spec", "podSelector", "matchLabels"), cpu.PodLabels), $"{overlay}: the policy must select the CPU silos");
        Assert.Equal(["Ingress"], Y.List(policy.Root, "spec", "policyTypes").OfType<string>());

        var ports = Y.List(OnlyContainer(cpu), "ports").ToDictionary(p => Y.Str(p, "name")!, p => Y.Int(p, "containerPort")!.Value);
        var rules = IngressRules(policy);
        // Exactly the three ports: anything else a silo listens on is closed to the cluster.
        Assert.Equal(new[] { ports["silo"], ports["gateway"], ports["http"] }.Order(), rules.Keys.Order());

        // Silo port: pods of this namespace that are silos, nothing else.
        var silo = rules[ports["silo"]];
        Assert.Equal(["podSelector"], silo.Keys.Cast<string>());
        Assert.True(Selects(Y.Map(silo, "podSelector", "matchLabels"), cpu.PodLabels) && Selects(Y.Map(silo, "podSelector", "matchLabels"), gpu.PodLabels), $"{overlay}: silos must reach each other's silo port");

        // Gateway: client pods of this namespace only; silos are not clients.
        var gateway = rules[ports["gateway"]];
        Assert.Equal(["podSelector"], gateway.Keys.Cast<string>());
        Assert.Equal(new Dictionary<object, object?> { [ClientLabel] = "client" }, Y.Map(gateway, "podSelector", "matchLabels"));
        Assert.False(Selects(Y.Map(gateway, "podSelector", "matchLabels"), cpu.PodLabels), $"{overlay}: the gateway rule must not be satisfied by any silo pod");

        // HTTP: only namespaces the operator labels for it (an ingress controller, a scraper); probes come from the node.
        var http = rules[ports["http"]];
        Assert.Equal(["namespaceSelector"], http.Keys.Cast<string>());
        Assert.Equal(new Dictionary<object, object?> { ["mentia.io/http-access"] = "true" }, Y.Map(http, "namespaceSelector", "matchLabels"));
    }

    [Theory]
    [MemberData(nameof(SubmitJobs))]
    public void The_submit_job_carries_the_client_label_the_gateway_rule_admits(string overlay)
    {
        var job = Rendered.Of(overlay).Single("Job", "mentia-submit-sweep");
        var cluster = Rendered.Of(ClusterOverlayOf(overlay));
        var gatewayPort = int.Parse(EnvString(Env(OnlyContainer(job), cluster), "MENTIA_GATEWAY").Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        var rule = IngressRules(cluster.Single("NetworkPolicy", "mentia-silo"))[gatewayPort];
        Assert.Equal("client", Y.Str(job.PodLabels, ClientLabel));
        Assert.True(Selects(Y.Map(rule, "podSelector", "matchLabels"), job.PodLabels), $"{overlay}: the gateway rule does not admit the Job's pods");
    }

    [Theory]
    [MemberData(nameof(ClusterOverlays))]
    public void Silos_use_mutual_tls_from_secret_mentia_tls_silo(string overlay)
    {
        var r = Rendered.Of(overlay);
        var (gpu, cpu) = Silos(r);
        foreach (var silo in new[] { gpu, cpu })
        {
            AssertTls(silo, r, "mentia-tls-silo");
        }
    }

    [Theory]
    [MemberData(nameof(SubmitJobs))]
    public void The_submit_job_uses_mutual_tls_from_secret_mentia_tls_client(string overlay) =>
        AssertTls(Rendered.Of(overlay).Single("Job", "mentia-submit-sweep"), Rendered.Of(ClusterOverlayOf(overlay)), "mentia-tls-client");

    [Theory]
    [MemberData(nameof(ClusterOverlays))]
    public void The_dashboard_is_off_and_the_ports_bind_every_pod_address(string overlay)
    {
        var r = Rendered.Of(overlay);
        var (gpu, cpu) = Silos(r);
        foreach (var silo in new[] { gpu, cpu })
        {
            var env = Env(OnlyContainer(silo), r);
            Assert.Equal("false", EnvString(env, "MENTIA_DASHBOARD"));
            // The pod IP and loopback (kubectl port-forward); NetworkPolicy decides who reaches the pod IP.
            Assert.Equal("0.0.0.0", EnvString(env, "MENTIA_LISTEN_ADDRESS"));
        }
    }

    /// <summary>MENTIA_TLS_CERT, _KEY and _CA name tls.crt, tls.key and ca.crt of a read-only mount of <paramref name="secret"/>.</summary>
    private static void AssertTls(K8sObject workload, Rendered configSource, string secret)
    {
        var c = OnlyContainer(workload);
        var env = Env(c, configSource);
        var mount = Assert.Single(Y.List(c, "volumeMounts"), m => Y.Str(m, "mountPath") == TlsMount);
        Assert.Equal("true", Y.Str(mount, "readOnly"));
        var volume = Assert.Single(Y.List(workload.PodSpec, "volumes"), v => Y.Str(v, "name") == Y.Str(mount, "name"));
        Assert.True(Y.Str(volume, "secret", "secretName") == secret, $"{workload}: the TLS volume must be Secret {secret}");
        Assert.True(Y.Int(volume, "secret", "defaultMode") is { } mode && (mode & 0b111) == 0, $"{workload}: the key must not be readable by others");
        foreach (var (variable, file) in new[] { ("MENTIA_TLS_CERT", "tls.crt"), ("MENTIA_TLS_KEY", "tls.key"), ("MENTIA_TLS_CA", "ca.crt") })
        {
            Assert.Equal($"{TlsMount}/{file}", EnvString(env, variable));
        }
    }

    /// <summary>A literal path that lies under one of the container's mounts of a Secret volume.</summary>
    private static bool IsOnSecretVolume(string? path, Dictionary<object, object?> container, K8sObject workload) =>
        path is not null && Y.List(container, "volumeMounts").Any(m =>
            Y.Str(m, "mountPath") is { } dir && path.StartsWith(dir + "/", StringComparison.Ordinal)
            && Y.List(workload.PodSpec, "volumes").Any(v => Y.Str(v, "name") == Y.Str(m, "name") && Y.Get(v, "secret") is not null));
}
