using System.Buffers.Binary;

namespace Mentia.Core.Data;

/// <summary>
/// The cheap checks of a folder that should hold the four MNIST files: each present (through symbolic
/// links too), of its exact size, with its IDX magic. The SHA-256 is checked when a file is read
/// (<see cref="MnistStore.ReadVerified"/>); these checks come first so a wrong or truncated file is
/// named with its problem instead of a folder being called empty.
/// </summary>
public static class MnistFolder
{
    /// <summary>What is wrong with one file of the folder, or null when it passes the cheap checks.</summary>
    public static string? Problem(string folder, MnistFile file)
    {
        var path = Path.Combine(folder, file.Name);
        FileInfo info;
        try
        {
            info = Resolve(path);
        }
        catch (IOException e)
        {
            return $"{file.Name} in '{folder}': a symbolic link that cannot be followed ({e.Message})";
        }
        if (!info.Exists)
        {
            return info.FullName == Path.GetFullPath(path)
                ? $"{file.Name} is missing from '{folder}'"
                : $"{file.Name} in '{folder}' is a symbolic link to '{info.FullName}', which does not exist";
        }
        // The magic first: a file of another kind (labels where images belong) is named as such even when
        // its size is also wrong; a truncated copy of the right file keeps its magic and gets the size.
        int? magic;
        try
        {
            magic = ReadMagic(info);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{file.Name} in '{folder}' cannot be read ({e.Message})";
        }
        if (magic is { } m && m != file.Magic)
        {
            return $"{file.Name} in '{folder}': bad IDX magic 0x{m:x8}, expected 0x{file.Magic:x8} ({(file.IsImages ? "images" : "labels")})";
        }
        if (info.Length != file.Bytes)
        {
            return $"{file.Name} in '{folder}': wrong size: expected {file.Bytes} bytes, found {info.Length}";
        }
        return null;
    }

    /// <summary>True when every file passes the cheap checks.</summary>
    public static bool IsComplete(string folder) =>
        Directory.Exists(folder) && MnistFiles.All.All(f => Problem(folder, f) is null);

    /// <summary>Throws a <see cref="DataFormatException"/> naming every file that fails the cheap checks and why.</summary>
    public static void Check(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DataFormatException($"folder '{folder}' does not exist");
        }
        var problems = MnistFiles.All.Select(f => Problem(folder, f)).OfType<string>().ToList();
        if (problems.Count > 0)
        {
            throw new DataFormatException(string.Join("; ", problems));
        }
    }

    /// <summary>
    /// The file at path, or the file its chain of symbolic links ends at: FileInfo.Length of a link is the
    /// length of the link itself, so a folder of links to valid files would look truncated.
    /// </summary>
    private static FileInfo Resolve(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
    }

    /// <summary>The big-endian int32 at the start of the file, or null when it is shorter than that.</summary>
    private static int? ReadMagic(FileInfo info)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = info.OpenRead();
        return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4 ? null : BinaryPrimitives.ReadInt32BigEndian(head);
    }
}
