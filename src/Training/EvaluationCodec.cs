using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MessagePack;

namespace Mentia.Training;

/// <summary>A stored evaluation record that cannot be used: corrupt, truncated, altered or of an unknown version.</summary>
public sealed class EvaluationFormatException(string recordName, string reason, Exception? inner = null)
    : Exception($"evaluation record '{recordName}' is unusable: {reason}", inner)
{
    public string RecordName { get; } = recordName;
}

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
        w.WriteArrayHeader(Fields);
        w.Write(Magic);
        w.Write(CurrentFormatVersion);
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
        w.Write(sha.GetHashAndReset());
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The run key and the result; any defect is an <see cref="EvaluationFormatException"/> naming the record.</summary>
    public static (string RunKey, EvaluationResult Result) Deserialize(byte[] bytes, string recordName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            var r = new MessagePackReader(bytes);
            if (r.ReadArrayHeader() is var n && n != Fields)
            {
                throw new EvaluationFormatException(recordName, $"expected {Fields} fields, found {n}");
            }
            if (r.ReadString() != Magic)
            {
                throw new EvaluationFormatException(recordName, "not a Mentia evaluation record");
            }
            if (r.ReadInt32() is var version && version != CurrentFormatVersion)
            {
                throw new EvaluationFormatException(recordName, $"format version {version} is not supported (this build reads {CurrentFormatVersion})");
            }
            var runKey = r.ReadString() ?? throw new EvaluationFormatException(recordName, "no run key");
            int images = r.ReadInt32();
            int count = r.ReadArrayHeader();
            var rates = new List<RateEvaluation>(count);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (int i = 0; i < count; i++)
            {
                if (r.ReadArrayHeader() != 3)
                {
                    throw new EvaluationFormatException(recordName, $"rate {i} is malformed");
                }
                double pe = r.ReadDouble();
                Hash(sha, [pe]);
                var losses = ReadValues(ref r, sha);
                var accuracies = ReadValues(ref r, sha);
                if (losses.Length != accuracies.Length)
                {
                    throw new EvaluationFormatException(recordName, $"rate {i} has {losses.Length} losses but {accuracies.Length} accuracies");
                }
                rates.Add(new RateEvaluation(pe, losses, accuracies));
            }
            var stored = r.ReadBytes()?.ToArray() ?? throw new EvaluationFormatException(recordName, "no hash");
            if (!r.End)
            {
                throw new EvaluationFormatException(recordName, "trailing bytes after the record");
            }
            var actual = sha.GetHashAndReset();
            if (!CryptographicOperations.FixedTimeEquals(stored, actual))
            {
                throw new EvaluationFormatException(recordName, $"SHA-256 of the values is {Convert.ToHexString(actual)}, record says {Convert.ToHexString(stored)}");
            }
            return (runKey, new EvaluationResult(rates, images));
        }
        catch (EvaluationFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or InvalidOperationException or OverflowException or ArgumentException)
        {
            throw new EvaluationFormatException(recordName, $"not readable MessagePack ({e.Message})", e);
        }
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

    private static void Hash(IncrementalHash sha, ReadOnlySpan<double> values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("big-endian hosts");
        }
        sha.AppendData(MemoryMarshal.AsBytes(values));
    }
}
