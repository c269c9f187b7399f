using Mentia.Tooling;
using System.Diagnostics;
using Mentia.Storage;

namespace Mentia.TestSupport;

/// <summary>
/// An Azurite of the test run's own, on free loopback ports, with data in a scratch folder; installed
/// into .tools from npm if the build has not done it yet. Use as an xunit class or collection fixture.
/// </summary>
public sealed class TestAzurite : IDisposable
{
    private const string Version = "3.35.0";
    private static readonly object InstallLock = new();

    private readonly AzuriteHost _host;

    public TestAzurite()
    {
        var tools = ToolsFolder;
        EnsureInstalled(tools);
        _host = AzuriteHost.Start(tools, RepoPaths.NewTempFolder("azurite"));
    }

    public AzuriteEndpoint Endpoint => _host.Endpoint;
    public string ConnectionString => _host.Endpoint.ConnectionString;
    public string Location => _host.Location;

    /// <summary>The tools folder with Azurite installed in it (from npm on first use), for a test that starts and stops emulators of its own.</summary>
    public static string InstalledTools()
    {
        var tools = ToolsFolder;
        EnsureInstalled(tools);
        return tools;
    }

    public static string ToolsFolder =>
        Environment.GetEnvironmentVariable("MENTIA_TOOLS_DIR") is { Length: > 0 } dir ? dir : Path.Combine(RepoPaths.Root, ".tools");

    private static void EnsureInstalled(string tools)
    {
        lock (InstallLock)
        {
            if (File.Exists(AzuriteHost.Executable(tools)))
            {
                return;
            }
            Directory.CreateDirectory(tools);
            var psi = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "install", "--prefix", tools, "--no-audit", "--no-fund", "--loglevel=error", $"azurite@{Version}" })
            {
                psi.ArgumentList.Add(a);
            }
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm install azurite@{Version} failed: {err.Result}");
            }
        }
    }

    public void Dispose()
    {
        _host.Dispose();
        try
        {
            Directory.Delete(_host.Location, recursive: true);
        }
        catch (IOException)
        {
            // Scratch data under .work/tmp; a leftover is harmless.
        }
    }
}
