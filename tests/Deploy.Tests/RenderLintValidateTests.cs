using Xunit;
using Mentia.TestSupport;

namespace Mentia.Deploy.Tests;

/// <summary>Every overlay renders with `kubectl kustomize`, passes yamllint, and validates against the Kubernetes API schemas.</summary>
public sealed class RenderLintValidateTests
{
    public static TheoryData<string> Overlays() => new(Rendered.OverlayDirs);

    [Fact]
    public void The_overlays_include_azure_and_local_with_their_jobs()
    {
        Assert.Equal(
            ["overlays/azure", "overlays/azure/jobs/mnist-upload", "overlays/azure/jobs/submit-sweep",
             "overlays/local", "overlays/local/jobs/mnist-upload", "overlays/local/jobs/submit-sweep"],
            Rendered.OverlayDirs);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_renders_and_passes_yamllint(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        Assert.NotEmpty(rendered.Objects);
        var lint = Tools.YamlLint(["-"], rendered.Yaml);
        Assert.True(lint.ExitCode == 0, $"yamllint on `kubectl kustomize k8s/{overlay}`:\n{lint.Output}");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_validates_against_the_kubernetes_schemas(string overlay)
    {
        _ = Tools.NodeModules;
        var rendered = Rendered.Of(overlay);
        var file = Path.Combine(RepoPaths.NewTempFolder("k8s-validate"), "rendered.yaml");
        File.WriteAllText(file, rendered.Yaml);
        var result = Tools.Run(Tools.Node, [Path.Combine(Tools.NodeToolsDir, "validate-k8s.mjs"), file]);
        Assert.True(result.ExitCode == 0, $"schema validation of k8s/{overlay}:\n{result.Output}");
        Assert.Contains($"{rendered.Objects.Count} objects, 0 invalid", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_validator_rejects_a_broken_manifest()
    {
        _ = Tools.NodeModules;
        var file = Path.Combine(RepoPaths.NewTempFolder("k8s-validate"), "broken.yaml");
        File.WriteAllText(file, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: two\n");
        var result = Tools.Run(Tools.Node, [Path.Combine(Tools.NodeToolsDir, "validate-k8s.mjs"), file]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("INVALID Deployment/x", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_yaml_passes_yamllint()
    {
        var files = Directory.EnumerateFiles(Tools.K8sDir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var lint = Tools.YamlLint(files);
        Assert.True(lint.ExitCode == 0, $"yamllint k8s/:\n{lint.Output}");
    }

    [Fact]
    public void Yamllint_catches_a_broken_file()
    {
        var lint = Tools.YamlLint(["-"], "a: 1\na: 2\nb:   [x,y]\n");
        Assert.NotEqual(0, lint.ExitCode);
    }
}
