using System.Diagnostics;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests.Commands;

/// <summary>
/// `mentia azurite stop` sends SIGTERM to the recorded pid and says how the process ended. A shell that traps
/// TERM stands in for Azurite: it leaves a mark only if it was asked to stop rather than killed.
/// </summary>
public class AzuriteStopCommandTests
{
    [Fact]
    public void Stop_asks_with_SIGTERM_and_says_the_emulator_exited_on_it()
    {
        var location = RepoPaths.NewTempFolder("azurite-stop");
        var psi = new ProcessStartInfo("sh") { WorkingDirectory = location, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("trap 'echo term > got-term; exit 0' TERM; touch ready; while :; do sleep 0.1; done");
        using var process = Process.Start(psi)!;
        Assert.True(SpinWait.SpinUntil(() => File.Exists(Path.Combine(location, "ready")), TimeSpan.FromSeconds(20)));
        File.WriteAllText(Path.Combine(location, "azurite.pid"), process.Id.ToString());

        var r = CliRunner.Run("azurite", "stop", "--location", location);

        Assert.Equal(0, r.Code);
        Assert.Equal($"Azurite (pid {process.Id}) stopped (SIGTERM: it saved its data and exited)", r.Out.Trim());
        Assert.True(process.WaitForExit(5000));
        Assert.True(File.Exists(Path.Combine(location, "got-term")), "the process was not sent SIGTERM");
        Assert.False(File.Exists(Path.Combine(location, "azurite.pid")));
    }

    [Fact]
    public void Stop_with_a_pid_that_is_gone_says_it_was_not_running()
    {
        var location = RepoPaths.NewTempFolder("azurite-stop-gone");
        using var gone = Process.Start("true")!;
        gone.WaitForExit();
        File.WriteAllText(Path.Combine(location, "azurite.pid"), gone.Id.ToString());
        var r = CliRunner.Run("azurite", "stop", "--location", location);
        Assert.Equal(0, r.Code);
        Assert.Contains("was not running", r.Out);
    }
}
