using Mentia.Core.Ledger;
using Mentia.Core.Records;

namespace Mentia.Storage.Records;

/// <summary>
/// Evaluation results in the results container, one MessagePack record per evaluated chunk at
/// results/{sweep}/{width,depth,p_t,N}/{replica}/a{attempt}/c{chunk}of{count}. Written once by the
/// executor that evaluated the chunk; the cell aggregates are rebuilt from them after a restart.
/// </summary>
public static class ResultBlobs
{
    public static string Name(string sweepId, ResultRecordRef record) =>
        $"{sweepId}/{record.RunKey}/a{record.Attempt}/c{record.Chunk}of{record.ChunkCount}";

    public static Task PutAsync(IBlobStore store, string sweepId, ResultRecordRef record, EvaluationResult result, CancellationToken ct) =>
        store.PutAsync(BlobStore.ResultsContainer, Name(sweepId, record), EvaluationCodec.Serialize(record.RunKey, result), ct: ct);

    /// <summary>The stored result; a missing, corrupt or misfiled record throws <see cref="EvaluationFormatException"/> naming it.</summary>
    public static async Task<EvaluationResult> GetAsync(IBlobStore store, string sweepId, ResultRecordRef record, CancellationToken ct)
    {
        var name = Name(sweepId, record);
        var bytes = await store.GetAsync(BlobStore.ResultsContainer, name, ct)
            ?? throw new EvaluationFormatException(name, "the blob does not exist");
        var (runKey, result) = EvaluationCodec.Deserialize(bytes, name);
        if (runKey != record.RunKey)
        {
            throw new EvaluationFormatException(name, $"it holds run {runKey}, not {record.RunKey}");
        }
        return result;
    }
}
