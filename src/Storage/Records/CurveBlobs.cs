using System.Text.Json;
using Mentia.Core.Records.Raw;

namespace Mentia.Storage.Records;

/// <summary>
/// A run's training curve in the models container beside its weights, at models/{sweep}/{width,depth,p_t,N}/{replica}.curve:
/// its epoch rows as JSON (a few kB), written once by the silo that trained it, read when the raw data are exported.
/// </summary>
public static class CurveBlobs
{
    public static string Name(string sweepId, string runKey) => $"{sweepId}/{runKey}.curve";

    public static async Task<string> PutAsync(IBlobStore store, string sweepId, string runKey, IReadOnlyList<EpochRow> curve, CancellationToken ct)
    {
        var name = Name(sweepId, runKey);
        await store.PutAsync(BlobStore.ModelsContainer, name, JsonSerializer.SerializeToUtf8Bytes(curve), ct: ct);
        return name;
    }

    /// <summary>The stored curve, or null when the blob is missing or not a curve (the export then has no curve for that run).</summary>
    public static async Task<IReadOnlyList<EpochRow>?> GetAsync(IBlobStore store, string blob, CancellationToken ct)
    {
        var bytes = await store.GetAsync(BlobStore.ModelsContainer, blob, ct);
        if (bytes is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<EpochRow[]>(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
