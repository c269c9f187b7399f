using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Mentia.Storage;

/// <summary>Named byte payloads in containers, each with its SHA-256 recorded at upload.</summary>
public interface IBlobStore
{
    Task PutAsync(string container, string name, ReadOnlyMemory<byte> bytes, IDictionary<string, string>? metadata = null, CancellationToken ct = default);

    /// <summary>The blob's bytes, or null when it does not exist.</summary>
    Task<byte[]?> GetAsync(string container, string name, CancellationToken ct = default);

    /// <summary>The SHA-256 recorded at upload, or null when the blob does not exist.</summary>
    Task<string?> GetHashAsync(string container, string name, CancellationToken ct = default);

    Task<bool> DeleteAsync(string container, string name, CancellationToken ct = default);
}

/// <summary>
/// The one place Mentia talks to blob storage: named byte payloads in containers (datasets, models,
/// results), each with its SHA-256 in the blob's metadata. Works the same against Azure and Azurite.
/// </summary>
public sealed class BlobStore : IBlobStore
{
    public const string DatasetsContainer = "datasets";
    public const string ModelsContainer = "models";
    public const string ResultsContainer = "results";

    private readonly BlobServiceClient _service;

    public BlobStore(string connectionString)
    {
        var options = new BlobClientOptions();
        // Fail in seconds, not minutes, when the emulator is down: the caller reports it clearly.
        options.Retry.MaxRetries = 3;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        _service = new BlobServiceClient(connectionString, options);
    }

    public async Task PutAsync(string container, string name, ReadOnlyMemory<byte> bytes, IDictionary<string, string>? metadata = null, CancellationToken ct = default)
    {
        var client = await ContainerAsync(container, ct);
        var meta = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>())
        {
            ["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.Span)),
        };
        await Guard(() => client.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions { Metadata = meta }, ct), container, name);
    }

    public async Task<byte[]?> GetAsync(string container, string name, CancellationToken ct = default)
    {
        var client = (await ContainerAsync(container, ct)).GetBlobClient(name);
        try
        {
            var result = await client.DownloadContentAsync(ct);
            return result.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException e)
        {
            throw new StorageUnavailableException($"reading {container}/{name} failed: {e.Message}", e);
        }
    }

    public async Task<string?> GetHashAsync(string container, string name, CancellationToken ct = default)
    {
        var client = (await ContainerAsync(container, ct)).GetBlobClient(name);
        try
        {
            var props = await client.GetPropertiesAsync(cancellationToken: ct);
            return props.Value.Metadata.TryGetValue("sha256", out var h) ? h : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string container, string name, CancellationToken ct = default)
    {
        var client = (await ContainerAsync(container, ct)).GetBlobClient(name);
        return (await client.DeleteIfExistsAsync(cancellationToken: ct)).Value;
    }

    private async Task<BlobContainerClient> ContainerAsync(string container, CancellationToken ct)
    {
        var client = _service.GetBlobContainerClient(container);
        await Guard(() => client.CreateIfNotExistsAsync(cancellationToken: ct), container, "");
        return client;
    }

    private async Task Guard<T>(Func<Task<T>> call, string container, string name)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
        {
            throw new StorageUnavailableException($"blob storage at {_service.Uri} failed on {container}/{name}: {e.Message}. Is Azurite running (./build.sh --target=Azurite) or the connection string right?", e);
        }
    }
}
