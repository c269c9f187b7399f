using System.Buffers.Binary;
using Mentia.Core.Data;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests;

/// <summary>`mentia run --mnist DIR`: a folder of links is used; a bad file is named with its problem (exit 2).</summary>
public class MnistOptionTests
{
    // One training of a 4-unit network on 10 images for one epoch: seconds, so the folder is really loaded and used.
    private const string TinySpec = """
        name: tiny
        seed: 1
        model: {widths: [4], depths: [1]}
        dropout: {p_t: [0], p_e: [0]}
        N: [10]
        replicas: 1
        passes: 1
        training: {maxEpochs: 1, validationSize: 100, earlyStopPatience: 1, plateauPatience: 1}
        analysis: {bootstrapResamples: 10}
        """;

    private static CliRunner.Result RunTiny(string mnist)
    {
        var dir = RepoPaths.NewTempFolder("tiny-run");
        var spec = Path.Combine(dir, "tiny.yaml");
        File.WriteAllText(spec, TinySpec);
        return CliRunner.Run("run", spec, "--mnist", mnist, "--device", "cpu", "--out", Path.Combine(dir, "out"));
    }

    private static void AssertBadInput(CliRunner.Result r, string expected)
    {
        Assert.Equal(2, r.Code);
        Assert.Contains(expected, r.Err);
        Assert.DoesNotContain("Exception", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void A_folder_of_symbolic_links_is_accepted()
    {
        var r = RunTiny(MnistCopies.Linked("cli-links"));
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("done", r.Out);
    }

    [Fact]
    public void A_truncated_file_is_named_with_expected_and_found_sizes()
    {
        var dir = MnistCopies.WithBroken("cli-short", MnistFiles.TrainLabels, b => b[..1000]);
        AssertBadInput(RunTiny(dir), $"--mnist: train-labels-idx1-ubyte in '{dir}': wrong size: expected 60008 bytes, found 1000");
    }

    [Fact]
    public void A_wrong_magic_is_named()
    {
        var dir = MnistCopies.WithBroken("cli-magic", MnistFiles.TestLabels, b =>
        {
            BinaryPrimitives.WriteInt32BigEndian(b, IdxReader.ImagesMagic);
            return b;
        });
        AssertBadInput(RunTiny(dir), $"--mnist: t10k-labels-idx1-ubyte in '{dir}': bad IDX magic 0x00000803, expected 0x00000801 (labels)");
    }

    [Fact]
    public void A_hash_mismatch_is_named()
    {
        var dir = MnistCopies.WithBroken("cli-hash", MnistFiles.TestImages, b =>
        {
            b[5000] ^= 0xff; // one pixel: size, magic and structure stay valid
            return b;
        });
        AssertBadInput(RunTiny(dir), "--mnist: t10k-images-idx3-ubyte: SHA-256 mismatch in ");
    }

    [Fact]
    public void A_missing_folder_is_named()
    {
        var dir = Path.Combine(RepoPaths.NewTempFolder("cli-none"), "absent");
        AssertBadInput(RunTiny(dir), $"--mnist: folder '{dir}' does not exist");
    }
}
