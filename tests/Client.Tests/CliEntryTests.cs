using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests;

/// <summary>The way in: version, no command, the CSV as an argument, a device this build lacks.</summary>
public class CliEntryTests
{
    private static string Example(string name) => Path.Combine(RepoPaths.Root, "examples", name);

    [Fact]
    public void Version_names_the_release_and_the_commit()
    {
        var r = CliRunner.Run("--version");
        Assert.Equal(0, r.Code);
        Assert.Equal(MentiaApp.Version, r.Out.Trim());
        // Built from a git checkout (CI and dev machines): the commit follows the release after '+'.
        Assert.Matches(@"^\d+\.\d+\.\d+(-[\w.]+)?\+[0-9a-f]{7,40}$", MentiaApp.Version);
    }

    [Fact]
    public void The_build_puts_a_mentia_command_in_tools_bin_that_runs_this_checkouts_cli()
    {
        // Written by ./build.sh (every target builds first; CI's Test too). A bare `dotnet test` does not write it.
        var wrapper = Path.Combine(RepoPaths.Root, ".tools", "bin", "mentia");
        Assert.SkipUnless(File.Exists(wrapper) || Environment.GetEnvironmentVariable("CI") is not null, "no .tools/bin/mentia: run ./build.sh");
        Assert.True(File.Exists(wrapper), $"{wrapper} is missing after ./build.sh");
        var start = new System.Diagnostics.ProcessStartInfo(wrapper, "--version") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = System.Diagnostics.Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal(MentiaApp.Version, output.Trim());
    }

    [Fact]
    public void No_command_shows_the_help_and_exits_2()
    {
        var r = CliRunner.Run();
        Assert.Equal(2, r.Code);
        Assert.Contains("USAGE", r.Out);
        Assert.Contains("analyze", r.Out);
        Assert.Contains("no command given", r.Err);
    }

    [Fact]
    public void The_csv_can_be_the_argument_of_fss_and_fit_alpha()
    {
        var alpha = CliRunner.Run("fit-alpha", Example("alpha.csv"));
        Assert.Equal(0, alpha.Code);
        Assert.Contains("eumentia", alpha.Out);
        var fss = CliRunner.Run("fss", Example("fss-line.csv"), "--json");
        Assert.Equal(0, fss.Code);
        Assert.Contains("\"pc\"", fss.Out);
        var both = CliRunner.Run("fss", Example("fss-line.csv"), "--input", Example("alpha.csv"));
        Assert.Equal(2, both.Code);
        Assert.Contains("name two files", both.Err);
    }

    [Fact]
    public void Asking_for_cuda_on_a_machine_without_it_is_bad_input_before_anything_runs()
    {
        Assert.SkipWhen(Mentia.Training.TorchRuntime.CudaAvailable, "this machine has a CUDA backend and a GPU");
        var r = CliRunner.Run("run", Example("quick.yaml"), "--device", "cuda", "--out", RepoPaths.NewTempFolder("cuda"));
        Assert.Equal(2, r.Code);
        Assert.Contains("--device", r.Err);
        Assert.DoesNotContain("replicas to train", r.Out);
        Assert.DoesNotContain("Exception", r.Err);
    }
}
