using Mentia.Training;
using Mentia.Storage.Records;
using Mentia.Core.Records;
using Mentia.Core.Sweeps;
using TorchSharp;
using Xunit;

namespace Mentia.Storage.Tests.Records;

public class WeightsCodecTests
{
    private static ModelWeights Sample()
    {
        var arch = new Architecture(30, 3);
        using var model = new Fcnn(arch, 99, torch.CPU);
        return new ModelWeights
        {
            Architecture = arch, TrainRate = 0.25, Size = 1234, Replica = 3, Seed = 0xDEADBEEFCAFEUL,
            Epochs = 17, BestValidationLoss = 0.123456789, Tensors = model.ExportTensors(),
        };
    }

    [Fact]
    public void Round_trip_keeps_every_field_and_value()
    {
        var w = Sample();
        var back = WeightsCodec.Deserialize(WeightsCodec.Serialize(w), "w30d3/pt0.25/N1234/r3");
        Assert.Equal(w.FormatVersion, back.FormatVersion);
        Assert.Equal(w.Architecture, back.Architecture);
        Assert.Equal(w.TrainRate, back.TrainRate);
        Assert.Equal(w.Size, back.Size);
        Assert.Equal(w.Replica, back.Replica);
        Assert.Equal(w.Seed, back.Seed);
        Assert.Equal(w.Epochs, back.Epochs);
        Assert.Equal(w.BestValidationLoss, back.BestValidationLoss);
        Assert.Equal(w.Tensors.Count, back.Tensors.Count);
        for (int i = 0; i < w.Tensors.Count; i++)
        {
            Assert.Equal(w.Tensors[i].Name, back.Tensors[i].Name);
            Assert.Equal(w.Tensors[i].Shape, back.Tensors[i].Shape);
            Assert.Equal(w.Tensors[i].Data, back.Tensors[i].Data);
        }
    }

    [Fact]
    public void A_flipped_tensor_byte_is_a_hash_mismatch_naming_the_record()
    {
        var bytes = WeightsCodec.Serialize(Sample());
        bytes[bytes.Length / 2] ^= 0x01;
        var e = Assert.Throws<WeightsFormatException>(() => WeightsCodec.Deserialize(bytes, "blob/w30d3/r3"));
        Assert.Equal("blob/w30d3/r3", e.RecordName);
        Assert.Contains("blob/w30d3/r3", e.Message);
        Assert.Contains("SHA-256", e.Message);
    }

    [Fact]
    public void Truncated_garbage_and_wrong_version_records_are_errors_naming_the_record()
    {
        var bytes = WeightsCodec.Serialize(Sample());
        Assert.Contains("rec-a", Assert.Throws<WeightsFormatException>(() => WeightsCodec.Deserialize(bytes[..(bytes.Length - 40)], "rec-a")).Message);
        Assert.Contains("rec-b", Assert.Throws<WeightsFormatException>(() => WeightsCodec.Deserialize([1, 2, 3, 4, 5], "rec-b")).Message);
        Assert.Contains("rec-c", Assert.Throws<WeightsFormatException>(() => WeightsCodec.Deserialize([], "rec-c")).Message);
        var v2 = WeightsCodec.Serialize(Sample() with { FormatVersion = 2 });
        var e = Assert.Throws<WeightsFormatException>(() => WeightsCodec.Deserialize(v2, "rec-d"));
        Assert.Contains("version 2", e.Message);
    }
}
