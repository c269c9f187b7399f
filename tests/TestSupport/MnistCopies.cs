using Mentia.Core.Data;

namespace Mentia.TestSupport;

/// <summary>
/// Folders built from the real MNIST files for tests of the folder checks: every file a symbolic link to
/// the real one, optionally with one file replaced by a broken regular copy.
/// </summary>
public static class MnistCopies
{
    /// <summary>A fresh folder whose four files are symbolic links to the real, verified files.</summary>
    public static string Linked(string name)
    {
        if (!MnistStore.IsComplete(TestMnist.Folder))
        {
            TestMnist.Load(); // a fresh clone: fetches the files first
        }
        var dir = RepoPaths.NewTempFolder(name);
        foreach (var f in MnistFiles.All)
        {
            File.CreateSymbolicLink(Path.Combine(dir, f.Name), Path.GetFullPath(Path.Combine(TestMnist.Folder, f.Name)));
        }
        return dir;
    }

    /// <summary>A folder of links in which one file is a regular file holding the real bytes changed by <paramref name="spoil"/>.</summary>
    public static string WithBroken(string name, MnistFile file, Func<byte[], byte[]> spoil)
    {
        var dir = Linked(name);
        var path = Path.Combine(dir, file.Name);
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        File.WriteAllBytes(path, spoil(bytes));
        return dir;
    }
}
