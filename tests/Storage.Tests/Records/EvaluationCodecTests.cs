using Mentia.Training;
using Mentia.Storage.Records;
using Mentia.Core.Records;
using Xunit;

namespace Mentia.Storage.Tests.Records;

public class EvaluationCodecTests
{
    private static EvaluationResult Sample() => new(
    [
        new RateEvaluation(0.0, [0.31, 0.31], [0.91, 0.91]),
        new RateEvaluation(0.3, [0.52, 0.49], [0.83, 0.85]),
        new RateEvaluation(0.9, [2.2, double.Epsilon], [0.11, 1.0]),
    ], 10_000);

    [Fact]
    public void Round_trip_keeps_the_run_key_and_every_value_bit_for_bit()
    {
        var (key, back) = EvaluationCodec.Deserialize(EvaluationCodec.Serialize("w64d2/pt0.500/N1000/r3", Sample()), "rec");
        Assert.Equal("w64d2/pt0.500/N1000/r3", key);
        Assert.Equal(10_000, back.TestImages);
        var expected = Sample();
        Assert.Equal(expected.Rates.Count, back.Rates.Count);
        for (int i = 0; i < expected.Rates.Count; i++)
        {
            Assert.Equal(expected.Rates[i].EvalRate, back.Rates[i].EvalRate);
            Assert.Equal(expected.Rates[i].Losses, back.Rates[i].Losses);
            Assert.Equal(expected.Rates[i].Accuracies, back.Rates[i].Accuracies);
        }
    }

    [Fact]
    public void A_changed_value_is_a_hash_mismatch_naming_the_record()
    {
        var bytes = EvaluationCodec.Serialize("r", Sample());
        // The last value before the 32-byte hash (and its 2-byte bin header): the final accuracy, 1.0.
        bytes[bytes.Length - 35] ^= 0x01;
        var e = Assert.Throws<EvaluationFormatException>(() => EvaluationCodec.Deserialize(bytes, "results/s/r/a0/c0of1"));
        Assert.Equal("results/s/r/a0/c0of1", e.RecordName);
        Assert.Contains("SHA-256", e.Message);
    }

    [Fact]
    public void Truncated_and_foreign_records_are_errors_naming_the_record()
    {
        var bytes = EvaluationCodec.Serialize("r", Sample());
        Assert.Contains("rec-a", Assert.Throws<EvaluationFormatException>(() => EvaluationCodec.Deserialize(bytes[..(bytes.Length - 10)], "rec-a")).Message);
        Assert.Contains("rec-b", Assert.Throws<EvaluationFormatException>(() => EvaluationCodec.Deserialize([1, 2, 3], "rec-b")).Message);
        Assert.Contains("rec-c", Assert.Throws<EvaluationFormatException>(() => EvaluationCodec.Deserialize([], "rec-c")).Message);
        Assert.Contains("not a Mentia evaluation record", Assert.Throws<EvaluationFormatException>(() =>
            EvaluationCodec.Deserialize(WeightsCodecBytes(), "rec-d")).Message);
    }

    // A weights record is valid MessagePack with the same outer shape family, but not an evaluation record.
    private static byte[] WeightsCodecBytes()
    {
        var arch = new Mentia.Core.Sweeps.Architecture(4, 2);
        using var model = new Fcnn(arch, 1, TorchSharp.torch.CPU);
        var bytes = WeightsCodec.Serialize(new ModelWeights { Architecture = arch, TrainRate = 0, Size = 1, Replica = 0, Seed = 1, Epochs = 1, BestValidationLoss = 1, Tensors = model.ExportTensors() });
        // Its field count differs; make the check about the magic string by patching the array header to 6 fields.
        bytes[0] = 0x96;
        return bytes;
    }
}
