using System.Diagnostics;
using Mentia.TestSupport;

namespace Mentia.Grains.Tests.LivePage;

/// <summary>The built `mentia` command, run as a user runs it against a test cluster (its gateway, cluster and service id).</summary>
internal static class MentiaCli
{
    /// <summary>Runs `mentia ARGS --gateway 127.0.0.1:PORT` and returns its standard output; fails on a non-zero exit.</summary>
    public static async Task<string> RunAsync(int gatewayPort, string clusterId, params string[] args)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepoPaths.Root, "src", "Client", "bin", configuration, "net10.0", "mentia.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args.Concat(["--gateway", $"127.0.0.1:{gatewayPort}"]))
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["MENTIA_CLUSTER_ID"] = clusterId;
        psi.Environment["MENTIA_SERVICE_ID"] = clusterId;
        psi.Environment.Remove("MENTIA_STORAGE_CONNECTION");
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // no orphan left holding the test cluster's gateway
            throw new TimeoutException($"mentia {string.Join(' ', args)} did not finish within 60 s: {await stderr}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mentia {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
        return await stdout;
    }
}
