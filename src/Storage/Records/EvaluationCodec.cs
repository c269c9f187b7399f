using System.Buffers;
using System.Security.Cryptography;
using MessagePack;
using Mentia.Core.Records;

namespace Mentia.Storage.Records;

/// <summary>
/// One MessagePack record per evaluated chunk of one trained model, an array:
/// ["mentia-evaluation", formatVersion, runKey, testImages, [[p_e, [loss...], [accuracy...]]...],
///  SHA-256 of every number's float64 little-endian bytes in order].
/// It is what the cell aggregates are rebuilt from, so a flipped bit must not pass as a result.
/// </summary>
public static class EvaluationCodec
{
    public const int CurrentFormatVersion = 1;
    private const string Magic = "mentia-evaluation";
    private const int Fields = 6;

    public static byte[] Serialize(string runKey, EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var buffer = new ArrayBufferWriter<byte>(256 + result.Rates.Sum(r => (r.Losses.Length + r.Accuracies.Length) * 9 + 16));
        var w = new MessagePackWriter(buffer);
        RecordEnvelope.WriteHeader(ref w, Fields, Magic, CurrentFormatVersion);
        w.Write(runKey);
        w.Write(result.TestImages);
        w.WriteArrayHeader(result.Rates.Count);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var rate in result.Rates)
        {
            w.WriteArrayHeader(3);
            w.Write(rate.EvalRate);
            Hash(sha, [rate.EvalRate]);
            WriteValues(ref w, sha, rate.Losses);
            WriteValues(ref w, sha, rate.Accuracies);
        }
        RecordEnvelope.WriteHash(ref w, sha);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The run key and the result; any defect is an <see cref="EvaluationFormatException"/> naming the record.</summary>
    public static (string RunKey, EvaluationResult Result) Deserialize(byte[] bytes, string recordName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Exception Fail(string reason) => new EvaluationFormatException(recordName, reason);
        return RecordEnvelope.Read(() =>
        {
            var r = new MessagePackReader(bytes);
            RecordEnvelope.ReadHeader(ref r, Fields, Magic, CurrentFormatVersion, "evaluation", Fail);
            var runKey = r.ReadString() ?? throw Fail("no run key");
            int images = r.ReadInt32();
            int count = r.ReadArrayHeader();
            var rates = new List<RateEvaluation>(count);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (int i = 0; i < count; i++)
            {
                if (r.ReadArrayHeader() != 3)
                {
                    throw Fail($"rate {i} is malformed");
                }
                double pe = r.ReadDouble();
                Hash(sha, [pe]);
                var losses = ReadValues(ref r, sha);
                var accuracies = ReadValues(ref r, sha);
                if (losses.Length != accuracies.Length)
                {
                    throw Fail($"rate {i} has {losses.Length} losses but {accuracies.Length} accuracies");
                }
                rates.Add(new RateEvaluation(pe, losses, accuracies));
            }
            RecordEnvelope.ReadHash(ref r, sha, "the values", Fail);
            return (runKey, new EvaluationResult(rates, images));
        }, (reason, inner) => new EvaluationFormatException(recordName, reason, inner));
    }

    private static void WriteValues(ref MessagePackWriter w, IncrementalHash sha, double[] values)
    {
        w.WriteArrayHeader(values.Length);
        foreach (var v in values)
        {
            w.Write(v);
        }
        Hash(sha, values);
    }

    private static double[] ReadValues(ref MessagePackReader r, IncrementalHash sha)
    {
        var values = new double[r.ReadArrayHeader()];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadDouble();
        }
        Hash(sha, values);
        return values;
    }

    private static void Hash(IncrementalHash sha, ReadOnlySpan<double> values) => sha.AppendData(RecordEnvelope.Bytes(values));
}
