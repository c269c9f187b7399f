using Mentia.Tooling;
using System.Diagnostics;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Storage.Tests;

/// <summary>
/// The stop path of `mentia azurite stop` and the build: SIGTERM first, so a process can close cleanly; SIGKILL
/// only for one that has not exited within the grace period. Shown with shell processes that leave a mark.
/// </summary>
public class GracefulStopTests
{
    /// <summary>A shell running <paramref name="script"/> in the background (its own pid), in a scratch folder.</summary>
    private static (Process Process, string Folder) Shell(string script)
    {
        var folder = RepoPaths.NewTempFolder("graceful-stop");
        var psi = new ProcessStartInfo("sh") { WorkingDirectory = folder, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        var process = Process.Start(psi)!;
        // The trap must be installed before the signal comes: the script says so with a file.
        Assert.True(SpinWait.SpinUntil(() => File.Exists(Path.Combine(folder, "ready")), TimeSpan.FromSeconds(20)), "the shell never got ready");
        return (process, folder);
    }

    [Fact]
    public void A_process_that_handles_SIGTERM_is_sent_it_first_and_exits_on_it()
    {
        var (process, folder) = Shell("trap 'echo term > got-term; exit 0' TERM; touch ready; while :; do sleep 0.1; done");
        using (process)
        {
            var outcome = GracefulStop.Stop(process.Id, TimeSpan.FromSeconds(10));
            Assert.Equal(StopOutcome.Terminated, outcome);
            Assert.True(process.WaitForExit(5000));
            Assert.Equal("term", File.ReadAllText(Path.Combine(folder, "got-term")).Trim());
            Assert.Equal(0, process.ExitCode); // its own exit from the trap, not death by a signal
        }
    }

    [Fact]
    public void A_process_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        var (process, folder) = Shell("trap 'echo term >> got-term' TERM; touch ready; while :; do sleep 0.1; done");
        using (process)
        {
            var clock = Stopwatch.StartNew();
            var outcome = GracefulStop.Stop(process.Id, TimeSpan.FromSeconds(1));
            Assert.Equal(StopOutcome.Killed, outcome);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"killed after {clock.Elapsed}, before the grace period ended");
            Assert.True(process.WaitForExit(5000));
            Assert.True(File.Exists(Path.Combine(folder, "got-term")), "SIGTERM was never sent");
        }
    }

    [Fact]
    public void A_pid_with_no_process_is_reported_as_not_running()
    {
        var (process, _) = Shell("touch ready; exit 0");
        using (process)
        {
            process.WaitForExit();
            var pid = process.Id;
            process.Dispose();
            Assert.Equal(StopOutcome.NotRunning, GracefulStop.Stop(pid));
        }
    }
}
