using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MessagePack;
using Mentia.Core.Records;
using Mentia.Core.Sweeps;

namespace Mentia.Storage.Records;

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
        RecordEnvelope.WriteHeader(ref w, Fields, Magic, weights.FormatVersion);
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
            var bytes = RecordEnvelope.Bytes<float>(t.Data);
            sha.AppendData(bytes);
            w.Write(bytes);
        }
        RecordEnvelope.WriteHash(ref w, sha);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static ModelWeights Deserialize(byte[] bytes, string recordName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Exception Fail(string reason) => new WeightsFormatException(recordName, reason);
        return RecordEnvelope.Read(() =>
        {
            var r = new MessagePackReader(bytes);
            int version = RecordEnvelope.ReadHeader(ref r, Fields, Magic, ModelWeights.CurrentFormatVersion, "weights", Fail);
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
                throw Fail($"implausible tensor count {count}");
            }
            var tensors = new List<WeightTensor>(count);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (int i = 0; i < count; i++)
            {
                tensors.Add(ReadTensor(ref r, sha, i, Fail));
            }
            RecordEnvelope.ReadHash(ref r, sha, "the tensor bytes", Fail);
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
        }, (reason, inner) => new WeightsFormatException(recordName, reason, inner));
    }

    private static WeightTensor ReadTensor(ref MessagePackReader r, IncrementalHash sha, int i, Func<string, Exception> fail)
    {
        if (r.ReadArrayHeader() != 3)
        {
            throw fail($"tensor {i} is malformed");
        }
        string name = r.ReadString() ?? throw fail($"tensor {i} has no name");
        int dims = r.ReadArrayHeader();
        if (dims > 8)
        {
            throw fail($"tensor {name} has {dims} dimensions");
        }
        var shape = new int[dims];
        for (int d = 0; d < dims; d++)
        {
            shape[d] = r.ReadInt32();
        }
        var raw = (r.ReadBytes() ?? throw fail($"tensor {name} has no data")).ToArray();
        if (raw.Length % 4 != 0)
        {
            throw fail($"tensor {name} holds {raw.Length} bytes, not whole float32 values");
        }
        RecordEnvelope.RequireLittleEndian();
        sha.AppendData(raw);
        var data = new float[raw.Length / 4];
        raw.AsSpan().CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
        return new WeightTensor(name, shape, data);
    }
}
