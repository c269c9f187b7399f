namespace Mentia.Core.Ledger;

/// <summary>
/// Names the stored result record of one evaluation chunk of one run: chunk <paramref name="Chunk"/> of
/// <paramref name="ChunkCount"/> of attempt <paramref name="Attempt"/>. The record's blob name is built
/// from these (see Mentia.Storage's ResultBlobs), so the same reference finds the same bytes after a restart.
/// </summary>
public sealed record ResultRecordRef(string RunKey, int Attempt, int Chunk, int ChunkCount);
