using System.Buffers.Binary;
using Mentia.Core.Data;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Core.Tests;

/// <summary>A folder of MNIST files: links are followed, and a bad file is named with its exact problem.</summary>
public class MnistFolderTests
{
    [Fact]
    public void A_folder_of_symbolic_links_to_valid_files_is_complete_and_loads()
    {
        var dir = MnistCopies.Linked("mnist-links");
        Assert.True(MnistStore.IsComplete(dir));
        MnistFolder.Check(dir);
        Assert.Equal(10_000, MnistDataset.Load(dir).Test.Count);
    }

    [Fact]
    public void A_truncated_file_is_named_with_both_sizes()
    {
        var dir = MnistCopies.WithBroken("mnist-short", MnistFiles.TestLabels, b => b[..5000]);
        Assert.False(MnistStore.IsComplete(dir));
        var e = Assert.Throws<DataFormatException>(() => MnistFolder.Check(dir));
        Assert.Equal($"t10k-labels-idx1-ubyte in '{dir}': wrong size: expected 10008 bytes, found 5000", e.Message);
    }

    [Fact]
    public void A_file_with_another_magic_is_named_as_not_idx_of_its_kind()
    {
        var dir = MnistCopies.WithBroken("mnist-magic", MnistFiles.TestImages, b =>
        {
            BinaryPrimitives.WriteInt32BigEndian(b, IdxReader.LabelsMagic);
            return b;
        });
        var e = Assert.Throws<DataFormatException>(() => MnistFolder.Check(dir));
        Assert.Equal($"t10k-images-idx3-ubyte in '{dir}': bad IDX magic 0x00000801, expected 0x00000803 (images)", e.Message);
    }

    [Fact]
    public void A_missing_file_and_a_dangling_link_are_told_apart()
    {
        var dir = MnistCopies.Linked("mnist-gone");
        File.Delete(Path.Combine(dir, MnistFiles.TrainLabels.Name));
        var target = Path.Combine(dir, "nowhere");
        File.Delete(Path.Combine(dir, MnistFiles.TestLabels.Name));
        File.CreateSymbolicLink(Path.Combine(dir, MnistFiles.TestLabels.Name), target);
        var e = Assert.Throws<DataFormatException>(() => MnistFolder.Check(dir));
        Assert.Contains($"train-labels-idx1-ubyte is missing from '{dir}'", e.Message);
        Assert.Contains($"t10k-labels-idx1-ubyte in '{dir}' is a symbolic link to '{target}', which does not exist", e.Message);
    }

    [Fact]
    public void A_file_of_the_right_size_and_magic_with_changed_bytes_fails_its_hash_on_load()
    {
        var dir = MnistCopies.WithBroken("mnist-hash", MnistFiles.TestLabels, b =>
        {
            b[100] = (byte)((b[100] + 1) % 10);
            return b;
        });
        MnistFolder.Check(dir); // the cheap checks cannot see it
        var e = Assert.Throws<DataFormatException>(() => MnistDataset.Load(dir));
        Assert.StartsWith($"t10k-labels-idx1-ubyte: SHA-256 mismatch in {Path.Combine(dir, "t10k-labels-idx1-ubyte")}: got ", e.Message);
    }
}
