using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Mentia.Tooling;

/// <summary>How a process was stopped: it was already gone, it exited on SIGTERM, or it had to be killed.</summary>
public enum StopOutcome
{
    /// <summary>No process had that id.</summary>
    NotRunning,

    /// <summary>It exited within the grace period after SIGTERM: it closed what it had open (Azurite saves its blob index, a silo leaves the cluster).</summary>
    Terminated,

    /// <summary>It was still running when the grace period ended and was killed (SIGKILL): what it had not saved is lost.</summary>
    Killed,
}

/// <summary>
/// Stops a process the way a service expects: SIGTERM, wait for it to exit, and SIGKILL only if it has not
/// within the grace period. Azurite keeps its blob index in memory and writes it on a timer and at a clean
/// exit; killed outright it loses the last writes (a finished sweep came back as "running", its blobs gone).
/// </summary>
public static class GracefulStop
{
    /// <summary>How long a process has to exit after SIGTERM unless the caller says otherwise.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(10);

    private const int SigTerm = 15; // the same number on Linux and macOS

    /// <summary>Stops the process <paramref name="pid"/> (SIGTERM, up to <paramref name="grace"/>, then SIGKILL of its whole tree); says which happened.</summary>
    public static StopOutcome Stop(int pid, TimeSpan? grace = null)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return StopOutcome.NotRunning;
        }
        using (process)
        {
            return Stop(process, grace ?? DefaultGrace);
        }
    }

    /// <summary>Stops <paramref name="process"/> as <see cref="Stop(int, TimeSpan?)"/> does.</summary>
    public static StopOutcome Stop(Process process, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (process.HasExited)
            {
                return StopOutcome.NotRunning;
            }
            if (!OperatingSystem.IsWindows() && Kill(process.Id, SigTerm) == 0 && process.WaitForExit(grace))
            {
                return StopOutcome.Terminated;
            }
            if (process.HasExited)
            {
                return StopOutcome.Terminated;
            }
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            return StopOutcome.Killed;
        }
        catch (InvalidOperationException)
        {
            return StopOutcome.NotRunning; // it exited between the checks, or was never ours to see
        }
    }

    // libc's kill(2): .NET can send only SIGKILL to another process (Process.Kill).
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
