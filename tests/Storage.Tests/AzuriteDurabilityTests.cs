using Mentia.Tooling;
using Azure.Storage.Blobs;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Storage.Tests;

/// <summary>
/// A clean stop loses nothing acknowledged: Azurite keeps its blob index in memory and saves it on a timer and
/// when it exits on SIGTERM. Killed outright (what `mentia azurite stop` did), the writes since its last save
/// were gone after a restart: a finished sweep came back as "running" with its blobs missing.
/// </summary>
public class AzuriteDurabilityTests
{
    [Fact]
    public async Task Blobs_written_just_before_a_stop_are_all_there_after_a_restart_on_the_same_location()
    {
        var ct = TestContext.Current.CancellationToken;
        var tools = TestAzurite.InstalledTools();
        var location = RepoPaths.NewTempFolder("azurite-durable");
        var expected = new Dictionary<string, byte[]>();
        var first = AzuriteHost.Start(tools, location);
        try
        {
            var container = new BlobContainerClient(first.Endpoint.ConnectionString, "durable");
            await container.CreateAsync(cancellationToken: ct);
            for (int i = 0; i < 12; i++)
            {
                var bytes = Enumerable.Range(0, 1000 + i).Select(b => (byte)(b * 7 + i)).ToArray();
                await container.UploadBlobAsync($"sweep/run{i}", new BinaryData(bytes), ct);
                expected[$"sweep/run{i}"] = bytes;
            }
            // Straight after the last acknowledged write, as the build stops Azurite after a sweep: the path `mentia azurite stop` takes.
            Assert.Equal(StopOutcome.Terminated, AzuriteHost.Stop(first.ProcessId));
        }
        finally
        {
            first.Dispose();
        }

        using var second = AzuriteHost.Start(tools, location);
        var again = new BlobContainerClient(second.Endpoint.ConnectionString, "durable");
        var found = new List<string>();
        await foreach (var blob in again.GetBlobsAsync(cancellationToken: ct))
        {
            found.Add(blob.Name);
        }
        Assert.Equal(expected.Keys.Order(), found.Order());
        foreach (var (name, bytes) in expected)
        {
            Assert.Equal(bytes, (await again.GetBlobClient(name).DownloadContentAsync(ct)).Value.Content.ToArray());
        }
        second.Stop();
        Directory.Delete(location, recursive: true);
    }
}
