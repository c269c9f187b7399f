using Mentia.Core.Data;
using Mentia.Storage;
using Mentia.TestSupport;
using TorchSharp;
using Xunit;

namespace Mentia.Storage.Tests;

/// <summary>The foundation's smoke test: TorchSharp computes, Azurite stores, both in the same run.</summary>
public class StorageSmokeTests(TestAzurite azurite) : IClassFixture<TestAzurite>
{
    [Fact]
    public void A_tensor_operation_runs_in_this_output_folder()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(1, 5, dtype: torch.float32).reshape(2, 2);
        Assert.Equal(52f, x.matmul(x.t()).sum().item<float>()); // [[1,2],[3,4]] times its transpose is [[5,11],[11,25]]
    }

    [Fact]
    public async Task A_blob_round_trips_through_azurite_with_its_hash()
    {
        var store = new BlobStore(azurite.ConnectionString);
        var payload = Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 31)).ToArray();
        await store.PutAsync("smoke", "a/b/payload.bin", payload, new Dictionary<string, string> { ["kind"] = "test" }, TestContext.Current.CancellationToken);
        var back = await store.GetAsync("smoke", "a/b/payload.bin", TestContext.Current.CancellationToken);
        Assert.Equal(payload, back);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(payload)), await store.GetHashAsync("smoke", "a/b/payload.bin", TestContext.Current.CancellationToken));
        Assert.Null(await store.GetAsync("smoke", "missing", TestContext.Current.CancellationToken));
        Assert.True(await store.DeleteAsync("smoke", "a/b/payload.bin", TestContext.Current.CancellationToken));
        Assert.Null(await store.GetAsync("smoke", "a/b/payload.bin", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Mnist_uploads_once_and_downloads_verified()
    {
        var store = new BlobStore(azurite.ConnectionString);
        var ct = TestContext.Current.CancellationToken;
        foreach (var f in MnistFiles.All)
        {
            await store.DeleteAsync(BlobStore.DatasetsContainer, DatasetBlobs.BlobName(f), ct); // tests share the emulator
        }
        Assert.Equal(4, await DatasetBlobs.UploadMnistAsync(store, TestMnist.Folder, ct));
        Assert.Equal(0, await DatasetBlobs.UploadMnistAsync(store, TestMnist.Folder, ct)); // already current
        var local = RepoPaths.NewTempFolder("mnist-from-blob");
        Assert.Equal(4, await DatasetBlobs.DownloadMnistAsync(store, local, ct));
        Assert.Equal(10_000, MnistDataset.Load(local).Test.Count);
        Directory.Delete(local, true);
    }

    [Fact]
    public async Task A_corrupt_dataset_blob_is_refused_on_download()
    {
        var store = new BlobStore(azurite.ConnectionString);
        var ct = TestContext.Current.CancellationToken;
        await DatasetBlobs.UploadMnistAsync(store, TestMnist.Folder, ct);
        var labels = (await store.GetAsync(BlobStore.DatasetsContainer, DatasetBlobs.BlobName(MnistFiles.TestLabels), ct))!;
        labels[200] = (byte)((labels[200] + 3) % 10);
        await store.PutAsync(BlobStore.DatasetsContainer, DatasetBlobs.BlobName(MnistFiles.TestLabels), labels, ct: ct);
        var e = await Assert.ThrowsAsync<DataFormatException>(() => DatasetBlobs.DownloadMnistAsync(store, RepoPaths.NewTempFolder("corrupt"), ct));
        Assert.Contains("SHA-256 mismatch", e.Message);
        await DatasetBlobs.UploadMnistAsync(store, TestMnist.Folder, ct); // repaired for the other tests
    }

    [Fact]
    public async Task An_unreachable_store_fails_fast_with_a_clear_message()
    {
        var dead = new AzuriteEndpoint(1, 2, 3).ConnectionString; // nothing listens on port 1
        var store = new BlobStore(dead);
        var e = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.PutAsync("x", "y", new byte[] { 1 }));
        Assert.Contains("Is Azurite running", e.Message);
    }
}
