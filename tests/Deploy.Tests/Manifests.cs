using Xunit;
using System.Collections.Concurrent;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Mentia.Deploy.Tests;

/// <summary>One Kubernetes object as YamlDotNet reads it: maps, lists and string scalars.</summary>
internal sealed class K8sObject(Dictionary<object, object?> root)
{
    public Dictionary<object, object?> Root { get; } = root;
    public string Kind => Y.Str(Root, "kind") ?? "";
    public string ApiVersion => Y.Str(Root, "apiVersion") ?? "";
    public string Name => Y.Str(Root, "metadata", "name") ?? "";
    public string? Namespace => Y.Str(Root, "metadata", "namespace");
    public override string ToString() => $"{Kind}/{Name}";

    /// <summary>The pod template spec of a workload, or the pod spec of a Pod; null for other kinds.</summary>
    public Dictionary<object, object?>? PodSpec => Kind switch
    {
        "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => Y.Map(Root, "spec", "template", "spec"),
        "CronJob" => Y.Map(Root, "spec", "jobTemplate", "spec", "template", "spec"),
        "Pod" => Y.Map(Root, "spec"),
        _ => null,
    };

    public Dictionary<object, object?>? PodLabels => Kind == "Pod" ? Y.Map(Root, "metadata", "labels") : Y.Map(Root, "spec", "template", "metadata", "labels");

    public IEnumerable<(Dictionary<object, object?> Container, bool Init)> Containers()
    {
        var spec = PodSpec;
        if (spec is null)
        {
            yield break;
        }
        foreach (var c in Y.List(spec, "initContainers").OfType<Dictionary<object, object?>>())
        {
            yield return (c, true);
        }
        foreach (var c in Y.List(spec, "containers").OfType<Dictionary<object, object?>>())
        {
            yield return (c, false);
        }
    }
}

/// <summary>Small accessors over YamlDotNet's untyped object graph.</summary>
internal static class Y
{
    public static object? Get(object? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is Dictionary<object, object?> map && map.TryGetValue(key, out var next))
            {
                node = next;
            }
            else
            {
                return null;
            }
        }
        return node;
    }

    public static string? Str(object? node, params string[] path) => Get(node, path) as string;

    public static Dictionary<object, object?>? Map(object? node, params string[] path) => Get(node, path) as Dictionary<object, object?>;

    public static List<object?> List(object? node, params string[] path) => Get(node, path) as List<object?> ?? [];

    public static int? Int(object? node, params string[] path) =>
        Str(node, path) is { } s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static bool? Bool(object? node, params string[] path) => Str(node, path) switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    /// <summary>Every string scalar in a subtree with its path, for rules that look at all values.</summary>
    public static IEnumerable<(string Path, string Value)> Scalars(object? node, string path = "")
    {
        switch (node)
        {
            case string s:
                yield return (path, s);
                break;
            case Dictionary<object, object?> map:
                foreach (var (k, v) in map)
                {
                    foreach (var x in Scalars(v, $"{path}.{k}"))
                    {
                        yield return x;
                    }
                }
                break;
            case List<object?> list:
                for (var i = 0; i < list.Count; i++)
                {
                    foreach (var x in Scalars(list[i], $"{path}[{i}]"))
                    {
                        yield return x;
                    }
                }
                break;
        }
    }
}

/// <summary>A kustomization rendered with `kubectl kustomize`, kept for the whole test run.</summary>
internal sealed class Rendered
{
    private static readonly ConcurrentDictionary<string, Lazy<Rendered>> Cache = new();

    public string Dir { get; }
    public string Yaml { get; }
    public IReadOnlyList<K8sObject> Objects { get; }

    private Rendered(string dir, string yaml, IReadOnlyList<K8sObject> objects)
    {
        Dir = dir;
        Yaml = yaml;
        Objects = objects;
    }

    /// <summary>The kustomizations a user applies: every directory under k8s/overlays with a kustomization.yaml that is not a Component.</summary>
    public static IReadOnlyList<string> OverlayDirs { get; } = FindOverlayDirs();

    /// <summary>The two cluster overlays (silos, services, ...), not their Job kustomizations.</summary>
    public static IReadOnlyList<string> ClusterOverlayDirs { get; } = ["overlays/azure", "overlays/local"];

    public static Rendered Of(string relDir) => Cache.GetOrAdd(relDir, d => new Lazy<Rendered>(() => Render(d))).Value;

    public IEnumerable<K8sObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public K8sObject Single(string kind, string name) =>
        Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"{Dir}: no {kind}/{name} in the rendered output");

    private static Rendered Render(string relDir)
    {
        var dir = Path.Combine(Tools.K8sDir, relDir);
        var result = Tools.Run(Tools.Kubectl, ["kustomize", dir]);
        Assert.True(result.ExitCode == 0, $"kubectl kustomize {relDir} failed:\n{result.Output}");
        var deserializer = new DeserializerBuilder().Build();
        var objects = new List<K8sObject>();
        IParser parser = new Parser(new StringReader(result.Stdout));
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (deserializer.Deserialize<object?>(parser) is Dictionary<object, object?> map)
            {
                objects.Add(new K8sObject(map));
            }
        }
        return new Rendered(relDir, result.Stdout, objects);
    }

    private static List<string> FindOverlayDirs()
    {
        var root = Path.Combine(Tools.K8sDir, "overlays");
        return Directory.EnumerateFiles(root, "kustomization.yaml", SearchOption.AllDirectories)
            .Where(f => !File.ReadAllText(f).Contains("kind: Component", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Tools.K8sDir, Path.GetDirectoryName(f)!).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
