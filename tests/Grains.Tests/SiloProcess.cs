using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mentia.TestSupport;

namespace Mentia.Grains.Tests;

/// <summary>
/// A real silo process (src/Silo) on loopback in cluster mode: Azure Table membership and blob grain
/// state in the test's Azurite. Killed, not stopped, when a test wants to lose it.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];

    private SiloProcess(Process process, int siloPort, int gatewayPort, int httpPort)
    {
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
    }

    public int SiloPort { get; }
    public int GatewayPort { get; }
    public int HttpPort { get; }
    public bool Exited => _process.HasExited;

    /// <summary>Orleans' text form of this silo's address, as RuntimeIdentity and the sweep's replica reports print it (without the generation).</summary>
    public string AddressPrefix => $"S127.0.0.1:{SiloPort}:";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log.TakeLast(60));
            }
        }
    }

    /// <param name="environment">More MENTIA_* settings, or overrides of the defaults below (e.g. MENTIA_TLS_CERT).</param>
    /// <param name="waitFor">The health endpoint that must answer before the start counts: ready, or startup for a silo that is meant not to be ready.</param>
    public static async Task<SiloProcess> StartAsync(string storageConnection, string clusterId, int? gatewayPort = null, int dispatchWindow = 64, IReadOnlyDictionary<string, string>? environment = null,
        string waitFor = "ready")
    {
        // A free port is only free when asked: another process of the test run may take it before the silo binds
        // it. That start fails with "address already in use"; try again on fresh ports (a fixed gateway port is the caller's).
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(storageConnection, clusterId, gatewayPort, dispatchWindow, environment, waitFor);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    private static async Task<SiloProcess> StartOnceAsync(string storageConnection, string clusterId, int? gatewayPort, int dispatchWindow, IReadOnlyDictionary<string, string>? environment, string waitFor)
    {
        var dll = Path.Combine(RepoPaths.Root, "src", "Silo", "bin", Configuration, "net10.0", "Mentia.Silo.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build src/Silo in {Configuration} first (the build's Test target builds the solution)");
        }
        int silo = FreePort(), gateway = gatewayPort ?? FreePort(), http = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        var env = new Dictionary<string, string>
        {
            ["MENTIA_MODE"] = "cluster",
            ["MENTIA_STORAGE_CONNECTION"] = storageConnection,
            ["MENTIA_CLUSTER_ID"] = clusterId,
            ["MENTIA_SERVICE_ID"] = clusterId,
            ["MENTIA_SILO_PORT"] = silo.ToString(),
            ["MENTIA_GATEWAY_PORT"] = gateway.ToString(),
            ["MENTIA_ADVERTISED_IP"] = "127.0.0.1",
            ["MENTIA_HTTP_PORT"] = http.ToString(),
            ["MENTIA_DEVICE"] = "cpu",
            ["MENTIA_THREADS"] = "1",
            ["MENTIA_MAX_ENSEMBLE"] = "4",
            ["MENTIA_MNIST_DIR"] = TestMnist.Folder,
            ["MENTIA_FAST_FAILURE_DETECTION"] = "true",
            ["MENTIA_DISPATCH_WINDOW"] = dispatchWindow.ToString(),
        };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }
        var process = Process.Start(psi)!;
        var result = new SiloProcess(process, silo, gateway, http);
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await result.WaitReadyAsync(waitFor, TimeSpan.FromSeconds(120));
        return result;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.Add(line);
        }
    }

    private async Task WaitReadyAsync(string probe, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                bool portTaken;
                lock (_log)
                {
                    portTaken = _log.Any(l => l.Contains("address already in use", StringComparison.OrdinalIgnoreCase));
                }
                throw new InvalidOperationException($"silo exited at start ({_process.ExitCode}){(portTaken ? ": address already in use" : "")}:\n{Log}");
            }
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{HttpPort}/health/{probe}")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        Kill();
        throw new TimeoutException($"silo not ready within {timeout}:\n{Log}");
    }

    /// <summary>Ends the process at once, as a crashed machine would: no graceful hand-off.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
