using Mentia.Core.Records.Raw;
using Mentia.Storage.Records;
using Xunit;

namespace Mentia.Storage.Tests.Records;

/// <summary>A run's training curve is stored beside its weights and read back whole; a missing or garbled one reads as none.</summary>
public class CurveBlobsTests
{
    private sealed class MemoryStore : IBlobStore
    {
        public Dictionary<(string, string), byte[]> Blobs { get; } = [];

        public Task PutAsync(string container, string name, ReadOnlyMemory<byte> bytes, IDictionary<string, string>? metadata = null, CancellationToken ct = default)
        {
            Blobs[(container, name)] = bytes.ToArray();
            return Task.CompletedTask;
        }

        public Task<byte[]?> GetAsync(string container, string name, CancellationToken ct = default) =>
            Task.FromResult(Blobs.TryGetValue((container, name), out var b) ? b : null);

        public Task<string?> GetHashAsync(string container, string name, CancellationToken ct = default) => Task.FromResult<string?>(null);

        public Task<bool> DeleteAsync(string container, string name, CancellationToken ct = default) => Task.FromResult(Blobs.Remove((container, name)));
    }

    [Fact]
    public async Task A_curve_round_trips_beside_the_weights_and_a_missing_or_garbled_one_is_none()
    {
        var store = new MemoryStore();
        var curve = Enumerable.Range(1, 3).Select(e => new EpochRow
        {
            Width = 64, Depth = 2, TrainRate = 0.3, Size = 1000, Replica = 3, Epoch = e, TrainLoss = 1.0 / 3 + e, ValidationLoss = Math.PI / e, LearningRate = 1e-3 / e,
        }).ToArray();

        var blob = await CurveBlobs.PutAsync(store, "s", "w64d2/pt0.300/N1000/r3", curve, CancellationToken.None);

        Assert.Equal("s/w64d2/pt0.300/N1000/r3.curve", blob);
        Assert.Equal(WeightsBlobs.Name("s", "w64d2/pt0.300/N1000/r3") + ".curve", blob); // beside the weights
        Assert.True(store.Blobs.ContainsKey((BlobStore.ModelsContainer, blob)));
        var back = (await CurveBlobs.GetAsync(store, blob, CancellationToken.None))!;
        Assert.Equal(curve.Select(c => (c.Epoch, c.TrainLoss, c.ValidationLoss, c.LearningRate, c.Replica, c.TrainRate)),
            back.Select(c => (c.Epoch, c.TrainLoss, c.ValidationLoss, c.LearningRate, c.Replica, c.TrainRate)));

        Assert.Null(await CurveBlobs.GetAsync(store, "s/none.curve", CancellationToken.None));
        store.Blobs[(BlobStore.ModelsContainer, blob)] = "not json"u8.ToArray();
        Assert.Null(await CurveBlobs.GetAsync(store, blob, CancellationToken.None));
    }
}
