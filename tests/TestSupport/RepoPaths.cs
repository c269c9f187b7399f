namespace Mentia.TestSupport;

/// <summary>Where the repository and its work folder are, found from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build's work folder (.work/), shared with build.cake.</summary>
    public static string Work => Path.Combine(Root, ".work");

    /// <summary>A fresh empty folder under .work/tmp for one test.</summary>
    public static string NewTempFolder(string name)
    {
        var dir = Path.Combine(Work, "tmp", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mentia.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Mentia.sln above {AppContext.BaseDirectory}");
    }
}
