using Mentia.Core.Records;

namespace Mentia.Storage.Records;

/// <summary>Model weights in the models container, at models/{sweep}/{width,depth,p_t,N}/{replica}: one MessagePack record each.</summary>
public static class WeightsBlobs
{
    public static string Name(string sweepId, string runKey) => $"{sweepId}/{runKey}";

    public static async Task<(string Blob, string Sha256)> PutAsync(IBlobStore store, string sweepId, string runKey, ModelWeights weights, CancellationToken ct)
    {
        var bytes = WeightsCodec.Serialize(weights);
        var name = Name(sweepId, runKey);
        await store.PutAsync(BlobStore.ModelsContainer, name, bytes, ct: ct);
        return (name, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    /// <summary>Reads and checks a record; a missing, altered or corrupt one throws <see cref="WeightsFormatException"/> naming it.</summary>
    public static async Task<ModelWeights> GetAsync(IBlobStore store, string blob, string expectedSha256, CancellationToken ct)
    {
        var bytes = await store.GetAsync(BlobStore.ModelsContainer, blob, ct)
            ?? throw new WeightsFormatException(blob, "the blob does not exist");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        if (sha != expectedSha256)
        {
            throw new WeightsFormatException(blob, $"the blob's SHA-256 {sha} is not the {expectedSha256} recorded when it was written");
        }
        return WeightsCodec.Deserialize(bytes, blob);
    }
}
