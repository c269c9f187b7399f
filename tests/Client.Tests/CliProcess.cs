using System.Diagnostics;
using System.Text;
using Mentia.TestSupport;

namespace Mentia.Client.Tests;

/// <summary>
/// The built `mentia` as a real process (src/Client/bin/CONFIG/net10.0/mentia.dll under `dotnet`), for what only
/// a process has: signals, its exit code as the shell sees it. Output is collected as it comes.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private CliProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string Out
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    public string Err
    {
        get
        {
            lock (_err)
            {
                return _err.ToString();
            }
        }
    }

    /// <summary>The client's own build output, which the test project builds before it (a project reference).</summary>
    public static string Dll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var dll = Path.Combine(RepoPaths.Root, "src", "Client", "bin", configuration, "net10.0", "mentia.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build src/Client in {configuration} first");
        }
    }

    public static CliProcess Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        // Other tests set these in this process for a moment; a child must not inherit one by chance.
        foreach (var name in new[] { "MENTIA_GATEWAY", "MENTIA_TIMEOUT", "MENTIA_STORAGE_CONNECTION" })
        {
            psi.Environment.Remove(name);
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        var result = new CliProcess(process);
        process.OutputDataReceived += (_, e) => Append(result._out, e.Data);
        process.ErrorDataReceived += (_, e) => Append(result._err, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (sb)
        {
            sb.Append(line).Append('\n');
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds (true) or the process has exited or the time is up (false).</summary>
    public bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }
            if (_process.HasExited)
            {
                return condition();
            }
            Thread.Sleep(50);
        }
        return false;
    }

    /// <summary>Sends a signal as a shell user would (`kill -INT PID`).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", _process.Id.ToString()]);
        kill.WaitForExit();
    }

    /// <summary>The exit code and how long the process took to exit, or null (and the process killed) when it did not within <paramref name="timeout"/>.</summary>
    public (int Code, TimeSpan Took)? WaitForExit(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            return null;
        }
        _process.WaitForExit(); // the output's last lines
        return (_process.ExitCode, clock.Elapsed);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
