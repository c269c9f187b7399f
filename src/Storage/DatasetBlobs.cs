using Mentia.Core.Data;

namespace Mentia.Storage;

/// <summary>Puts the verified MNIST files into the datasets container so every silo reads the same bytes.</summary>
public static class DatasetBlobs
{
    public static string BlobName(MnistFile file) => $"mnist/{file.Name}";

    /// <summary>Uploads each file whose blob is missing or has another hash; returns how many were uploaded.</summary>
    public static async Task<int> UploadMnistAsync(IBlobStore store, string cacheFolder, CancellationToken ct = default)
    {
        int uploaded = 0;
        foreach (var file in MnistFiles.All)
        {
            if (await store.GetHashAsync(BlobStore.DatasetsContainer, BlobName(file), ct) == file.Sha256)
            {
                continue;
            }
            var bytes = MnistStore.ReadVerified(cacheFolder, file);
            await store.PutAsync(BlobStore.DatasetsContainer, BlobName(file), bytes, ct: ct);
            uploaded++;
        }
        return uploaded;
    }

    /// <summary>
    /// Fills a local cache from the datasets container, verifying every file; returns how many were downloaded.
    /// Files already of the right size are kept unless <paramref name="replace"/> (a local copy that failed its hash).
    /// A file is replaced by a rename, so a symbolic link in the cache is replaced, never written through.
    /// </summary>
    public static async Task<int> DownloadMnistAsync(IBlobStore store, string cacheFolder, CancellationToken ct = default, bool replace = false)
    {
        Directory.CreateDirectory(cacheFolder);
        int downloaded = 0;
        foreach (var file in MnistFiles.All)
        {
            var path = Path.Combine(cacheFolder, file.Name);
            if (!replace && File.Exists(path) && new FileInfo(path).Length == file.Bytes)
            {
                continue;
            }
            var bytes = await store.GetAsync(BlobStore.DatasetsContainer, BlobName(file), ct)
                ?? throw new DataFormatException($"{file.Name}: not in blob container '{BlobStore.DatasetsContainer}'; run `mentia data upload` (the build's Data target) first");
            MnistStore.Verify(file, bytes, $"blob {BlobStore.DatasetsContainer}/{BlobName(file)}");
            var tmp = path + ".tmp";
            await File.WriteAllBytesAsync(tmp, bytes, ct);
            File.Move(tmp, path, overwrite: true);
            downloaded++;
        }
        return downloaded;
    }
}
