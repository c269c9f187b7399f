using System.Text.RegularExpressions;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Deploy.Tests;

/// <summary>k8s/README.md says what was verified and what was not, and every path it names exists.</summary>
public sealed partial class ReadmeTests
{
    private static string Readme => File.ReadAllText(Path.Combine(Tools.K8sDir, "README.md"));

    [Fact]
    public void The_readme_states_what_was_verified_and_what_was_not_run()
    {
        Assert.Contains("## What was verified, and what was not", Readme, StringComparison.Ordinal);
        Assert.Contains("**Not run anywhere yet:**", Readme, StringComparison.Ordinal);
        foreach (var step in new[]
                 {
                     "docker build -f deploy/docker/silo-gpu.Dockerfile", "docker push", "kubectl -n mentia create secret generic mentia-storage",
                     "kubectl apply -k k8s/overlays/azure", "kubectl apply -k k8s/overlays/local", "kubectl -n mentia scale deploy/mentia-silo-gpu",
                     "kubectl -n mentia port-forward svc/mentia-gateway 30000", "mentia submit examples/quick.yaml --gateway 127.0.0.1:30000", "mentia watch ID",
                 })
        {
            Assert.Contains(step, Readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_repository_path_the_readme_names_exists()
    {
        var paths = RepoPath().Matches(Readme).Select(m => m.Value.TrimEnd('.', ',', ')', '`')).Distinct().ToList();
        Assert.NotEmpty(paths);
        foreach (var p in paths)
        {
            var clean = p.Split('{')[0].Replace("…", "", StringComparison.Ordinal);
            var full = Path.Combine(RepoPaths.Root, clean);
            Assert.True(File.Exists(full) || Directory.Exists(full), $"k8s/README.md names {p}, which does not exist");
        }
    }

    [GeneratedRegex(@"(?<![\w/.-])(k8s|deploy/docker|tests/Deploy\.Tests|examples)/[\w./{},…-]*")]
    private static partial Regex RepoPath();
}
