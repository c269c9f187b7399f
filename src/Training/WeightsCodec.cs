using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MessagePack;
using Mentia.Core.Sweeps;

namespace Mentia.Training;

/// <summary>A weights record that cannot be used: corrupt, truncated, hash mismatch, unknown version or wrong layout.</summary>
public sealed class WeightsFormatException(string recordName, string reason, Exception? inner = null)
    : Exception($"weights record '{recordName}' is unusable: {reason}", inner)
{
    public string RecordName { get; } = recordName;
    public string Reason { get; } = reason;
}

/// <summary>
/// One MessagePack record per trained model, an array:
/// ["mentia-weights", formatVersion, width, depth, p_t, N, replica, seed, epochs, bestValidationLoss,
///  [[name, [shape...], float32 little-endian bytes]...], SHA-256 of all tensor bytes in order].
/// The hash is checked on load; any defect is a <see cref="WeightsFormatException"/> naming the record.
/// </summary>
public static class WeightsCodec
{
    private const string Magic = "mentia-weights";
    private const int Fields = 12;

    public static byte[] Serialize(ModelWeights weights)
    {
        weights.Validate();
        var buffer = new ArrayBufferWriter<byte>(checked((int)weights.Tensors.Sum(t => t.Data.LongLength * 4 + 64) + 256));
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(Fields);
        w.Write(Magic);
        w.Write(weights.FormatVersion);
        w.Write(weights.Architecture.Width);
        w.Write(weights.Architecture.Depth);
        w.Write(weights.TrainRate);
        w.Write(weights.Size);
        w.Write(weights.Replica);
        w.Write(weights.Seed);
        w.Write(weights.Epochs);
        w.Write(weights.BestValidationLoss);
        w.WriteArrayHeader(weights.Tensors.Count);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var t in weights.Tensors)
        {
            w.WriteArrayHeader(3);
            w.Write(t.Name);
            w.WriteArrayHeader(t.Shape.Length);
            foreach (var d in t.Shape)
            {
                w.Write(d);
            }
            var bytes = Bytes(t.Data);
            sha.AppendData(bytes);
            w.Write(bytes);
        }
        w.Write(sha.GetHashAndReset());
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static ModelWeights Deserialize(byte[] bytes, string recordName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            var r = new MessagePackReader(bytes);
            int n = r.ReadArrayHeader();
            if (n != Fields)
            {
                throw new WeightsFormatException(recordName, $"expected {Fields} fields, found {n}");
            }
            if (r.ReadString() != Magic)
            {
                throw new WeightsFormatException(recordName, "not a Mentia weights record");
            }
            int version = r.ReadInt32();
            if (version != ModelWeights.CurrentFormatVersion)
            {
                throw new WeightsFormatException(recordName, $"format version {version} is not supported (this build reads {ModelWeights.CurrentFormatVersion})");
            }
            var arch = new Mentia.Core.Sweeps.Architecture(r.ReadInt32(), r.ReadInt32());
            double pt = r.ReadDouble();
            int size = r.ReadInt32();
            int replica = r.ReadInt32();
            ulong seed = r.ReadUInt64();
            int epochs = r.ReadInt32();
            double best = r.ReadDouble();
            int count = r.ReadArrayHeader();
            if (count > 64)
            {
                throw new WeightsFormatException(recordName, $"implausible tensor count {count}");
            }
            var tensors = new List<WeightTensor>(count);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (int i = 0; i < count; i++)
            {
                if (r.ReadArrayHeader() != 3)
                {
                    throw new WeightsFormatException(recordName, $"tensor {i} is malformed");
                }
                string name = r.ReadString() ?? throw new WeightsFormatException(recordName, $"tensor {i} has no name");
                int dims = r.ReadArrayHeader();
                if (dims > 8)
                {
                    throw new WeightsFormatException(recordName, $"tensor {name} has {dims} dimensions");
                }
                var shape = new int[dims];
                for (int d = 0; d < dims; d++)
                {
                    shape[d] = r.ReadInt32();
                }
                var seq = r.ReadBytes() ?? throw new WeightsFormatException(recordName, $"tensor {name} has no data");
                var raw = seq.ToArray();
                if (raw.Length % 4 != 0)
                {
                    throw new WeightsFormatException(recordName, $"tensor {name} holds {raw.Length} bytes, not whole float32 values");
                }
                sha.AppendData(raw);
                var data = new float[raw.Length / 4];
                raw.AsSpan().CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
                if (!BitConverter.IsLittleEndian)
                {
                    throw new PlatformNotSupportedException("big-endian hosts");
                }
                tensors.Add(new WeightTensor(name, shape, data));
            }
            var stored = r.ReadBytes()?.ToArray() ?? throw new WeightsFormatException(recordName, "no hash");
            if (!r.End)
            {
                throw new WeightsFormatException(recordName, "trailing bytes after the record");
            }
            var actual = sha.GetHashAndReset();
            if (!CryptographicOperations.FixedTimeEquals(stored, actual))
            {
                throw new WeightsFormatException(recordName, $"SHA-256 of the tensor bytes is {Convert.ToHexString(actual)}, record says {Convert.ToHexString(stored)}");
            }
            var weights = new ModelWeights
            {
                FormatVersion = version,
                Architecture = arch,
                TrainRate = pt,
                Size = size,
                Replica = replica,
                Seed = seed,
                Epochs = epochs,
                BestValidationLoss = best,
                Tensors = tensors,
            };
            try
            {
                weights.Validate();
            }
            catch (ArgumentException e)
            {
                throw new WeightsFormatException(recordName, e.Message, e);
            }
            return weights;
        }
        catch (WeightsFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or InvalidOperationException or OverflowException or ArgumentException)
        {
            throw new WeightsFormatException(recordName, $"not readable MessagePack ({e.Message})", e);
        }
    }

    private static ReadOnlySpan<byte> Bytes(float[] data)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("big-endian hosts");
        }
        return MemoryMarshal.AsBytes(data.AsSpan());
    }
}
