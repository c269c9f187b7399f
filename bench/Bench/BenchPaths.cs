namespace Mentia.Bench;

/// <summary>Where the bench finds the repository and MNIST, and the machine's load average it prints beside every figure.</summary>
internal static class BenchPaths
{
    /// <summary>The repository root: the first folder holding Mentia.sln above the working directory or the bench's binaries.</summary>
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "Mentia.sln")))
                {
                    return d.FullName;
                }
            }
        }
        return Directory.GetCurrentDirectory();
    }

    /// <summary>MENTIA_MNIST_DIR, else the repository's .work/mnist.</summary>
    public static string MnistFolder() =>
        Environment.GetEnvironmentVariable("MENTIA_MNIST_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Root(), ".work", "mnist");

    /// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg), or "n/a".</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
