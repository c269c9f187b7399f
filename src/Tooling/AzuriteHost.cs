using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mentia.Storage;

namespace Mentia.Tooling;

/// <summary>
/// Starts and stops the Azurite storage emulator installed from npm into the project's tools folder.
/// Always on loopback, never phoning home (--disableTelemetry), tolerant of the newer SDK's API
/// version (--skipApiVersionCheck), data under a folder the caller names, stopped by process id with
/// SIGTERM first (<see cref="GracefulStop"/>), so what it acknowledged is on disk when it is gone.
/// </summary>
public sealed class AzuriteHost : IDisposable
{
    private readonly Process _process;

    private AzuriteHost(Process process, AzuriteEndpoint endpoint, string location)
    {
        _process = process;
        Endpoint = endpoint;
        Location = location;
    }

    public AzuriteEndpoint Endpoint { get; }
    public string Location { get; }
    public int ProcessId => _process.Id;

    /// <summary>The azurite launcher inside a tools folder where `npm install --prefix DIR azurite` put it.</summary>
    public static string Executable(string toolsFolder) => Path.Combine(toolsFolder, "node_modules", ".bin", "azurite");

    /// <summary>
    /// Starts Azurite and waits until its blob port answers. With <paramref name="detached"/> the emulator
    /// outlives this process (the build script's local service); its output goes to azurite.log in the location.
    /// </summary>
    public static AzuriteHost Start(string toolsFolder, string location, AzuriteEndpoint? endpoint = null, bool detached = false, TimeSpan? timeout = null)
    {
        var exe = Executable(toolsFolder);
        if (!File.Exists(exe))
        {
            throw new StorageUnavailableException($"Azurite is not installed at {exe}; run `npm install --prefix {toolsFolder} azurite@3.35.0` (the build's Data and Test targets do this)");
        }
        endpoint ??= new AzuriteEndpoint(FreePort(), FreePort(), FreePort());
        Directory.CreateDirectory(location);
        string[] args =
        [
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--blobHost", endpoint.Host, "--blobPort", endpoint.BlobPort.ToString(),
            "--queueHost", endpoint.Host, "--queuePort", endpoint.QueuePort.ToString(),
            "--tableHost", endpoint.Host, "--tablePort", endpoint.TablePort.ToString(),
            "--location", location,
        ];
        ProcessStartInfo psi;
        if (detached)
        {
            // exec keeps the pid: the pid we record is Azurite's own, so stopping by pid stops the emulator.
            psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$AZURITE_LOG\" 2>&1 </dev/null");
            psi.ArgumentList.Add(exe);
            psi.Environment["AZURITE_LOG"] = Path.Combine(location, "azurite.log");
        }
        else
        {
            psi = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        }
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        var process = Process.Start(psi) ?? throw new StorageUnavailableException("could not start Azurite");
        if (!detached)
        {
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        var host = new AzuriteHost(process, endpoint, location);
        host.WaitUntilListening(timeout ?? TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>
    /// Stops an Azurite started earlier (perhaps by another process) by its process id, gracefully: SIGTERM,
    /// then SIGKILL only if it has not exited within <paramref name="grace"/> (default 10 s). On SIGTERM Azurite
    /// writes its blob index before it exits; killed, it loses what it acknowledged since its last save.
    /// </summary>
    public static StopOutcome Stop(int pid, TimeSpan? grace = null) => GracefulStop.Stop(pid, grace);

    /// <summary>As <see cref="Stop(int, TimeSpan?)"/>; true when it was running.</summary>
    public static bool StopByPid(int pid) => Stop(pid) != StopOutcome.NotRunning;

    /// <summary>Stops this emulator gracefully (as <see cref="Stop(int, TimeSpan?)"/>), detached or not; its data stays in <see cref="Location"/> for a later <see cref="Start"/>.</summary>
    public StopOutcome Stop(TimeSpan? grace = null) => GracefulStop.Stop(_process, grace ?? GracefulStop.DefaultGrace);

    /// <summary>True when something accepts connections on the blob port.</summary>
    public static bool IsListening(AzuriteEndpoint endpoint)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Parse(endpoint.Host), endpoint.BlobPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void WaitUntilListening(TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new StorageUnavailableException($"Azurite exited at start with code {_process.ExitCode} (see {Path.Combine(Location, "azurite.log")} when detached); is port {Endpoint.BlobPort} taken?");
            }
            if (IsListening(Endpoint))
            {
                return;
            }
            Thread.Sleep(100);
        }
        Dispose();
        throw new StorageUnavailableException($"Azurite did not listen on {Endpoint.Host}:{Endpoint.BlobPort} within {timeout.TotalSeconds:0} s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the emulator gracefully unless it was started detached on purpose (then use <see cref="Stop(int, TimeSpan?)"/>).</summary>
    public void Dispose()
    {
        if (!_process.HasExited && _process.StartInfo.RedirectStandardOutput)
        {
            GracefulStop.Stop(_process, GracefulStop.DefaultGrace);
        }
        _process.Dispose();
    }
}
