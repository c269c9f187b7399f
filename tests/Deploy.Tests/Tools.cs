using Xunit;
using System.Diagnostics;
using Mentia.TestSupport;

namespace Mentia.Deploy.Tests;

/// <summary>The external tools the deployment tests run. None is installed here: a missing one fails with how to install it.</summary>
internal static class Tools
{
    public static string K8sDir => Path.Combine(RepoPaths.Root, "k8s");
    public static string DockerDir => Path.Combine(RepoPaths.Root, "deploy", "docker");
    public static string NodeToolsDir => Path.Combine(RepoPaths.Root, "tests", "Deploy.Tests", "tools");
    public static string YamllintConfig => Path.Combine(K8sDir, ".yamllint.yaml");

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => (Stdout + "\n" + Stderr).Trim();
    }

    public static Result Run(string exe, IEnumerable<string> args, string? stdin = null, string? workDir = null, int timeoutSeconds = 120)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workDir ?? RepoPaths.Root,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var proc = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {exe}");
        var stdout = proc.StandardOutput.ReadToEndAsync();
        var stderr = proc.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            proc.StandardInput.Write(stdin);
            proc.StandardInput.Close();
        }
        if (!proc.WaitForExit(timeoutSeconds * 1000))
        {
            proc.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} {string.Join(' ', args)} ran over {timeoutSeconds}s");
        }
        proc.WaitForExit();
        return new Result(proc.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The full path of an executable on PATH, or a failure saying how to install it.</summary>
    public static string Require(string exe, string howToInstall)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, exe);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        Assert.Fail($"`{exe}` is not installed; {howToInstall}");
        return exe;
    }

    public static string Kubectl => Require("kubectl", "install the kubectl client (v1.27 or later, for `kubectl kustomize` with kustomize v5)");

    public static string Yamllint => Require("yamllint", "install it with `apt-get install -y yamllint` (the build's Tools step does this in CI)");

    public static string Node => Require("node", "install Node.js (20 or later)");

    /// <summary>node_modules of tests/Deploy.Tests/tools (kubernetes-models, yaml, dockerfile-utils), or a failure saying how to install it.</summary>
    public static string NodeModules
    {
        get
        {
            var modules = Path.Combine(NodeToolsDir, "node_modules");
            foreach (var pkg in new[] { "kubernetes-models", "yaml", "dockerfile-utils" })
            {
                if (!Directory.Exists(Path.Combine(modules, pkg)))
                {
                    Assert.Fail($"npm package {pkg} is missing from {modules}; run `npm ci --prefix tests/Deploy.Tests/tools` (the build's Tools step does this in CI)");
                }
            }
            return modules;
        }
    }

    /// <summary>`yamllint` with the repository's rules on the given files or on text from stdin ("-").</summary>
    public static Result YamlLint(IEnumerable<string> files, string? stdin = null) =>
        Run(Yamllint, new[] { "-s", "-f", "parsable", "-c", YamllintConfig }.Concat(files), stdin);
}
