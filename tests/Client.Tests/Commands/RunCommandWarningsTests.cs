using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests.Commands;

/// <summary>`mentia run` says what a thin spec cannot deliver before it trains anything, on stderr.</summary>
public class RunCommandWarningsTests
{
    [Fact]
    public void A_thin_spec_is_warned_about_before_the_run_needs_anything_else()
    {
        var folder = RepoPaths.NewTempFolder("run-warn");
        var spec = Path.Combine(folder, "thin.yaml");
        File.WriteAllText(spec, "name: thin\nseed: 1\nmodel: {widths: [10], depths: [1]}\ndropout: {p_t: [0.0], p_e: [0.0, 0.3, 0.6, 0.9]}\nN: [200, 400, 800]\nreplicas: 1\npasses: 2\n");
        // No MNIST where it is looked for: the run stops (exit 2) right after the spec is read, so the warning
        // must already have been written.
        var r = CliRunner.Run("run", spec, "--mnist", Path.Combine(folder, "no-mnist"), "--out", Path.Combine(folder, "out"));
        Assert.Equal(2, r.Code);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("warning: replicas: 1 training run", lines[0]);
        Assert.StartsWith("error: --mnist", lines[^1]);
        Assert.DoesNotContain("warning", r.Out);
        Directory.Delete(folder, true);
    }
}
