using System.Buffers.Binary;
using System.IO.Compression;
using Mentia.Core.Data;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Core.Tests;

public class IdxReaderTests
{
    private static byte[] Images(int count, int rows = 28, int cols = 28, int magic = IdxReader.ImagesMagic)
    {
        var b = new byte[16 + count * rows * cols];
        BinaryPrimitives.WriteInt32BigEndian(b, magic);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(12), cols);
        for (int i = 16; i < b.Length; i++) b[i] = (byte)(i % 256);
        return b;
    }

    [Fact]
    public void Pixels_are_scaled_to_unit_range()
    {
        var px = IdxReader.ReadImages("x", Images(2), 2);
        Assert.Equal(2 * 784, px.Length);
        Assert.Equal(16 / 255f, px[0]);
        Assert.All(px, p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void A_truncated_file_is_rejected_naming_the_file()
    {
        var bytes = Images(3)[..^100];
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages("train-images-idx3-ubyte", bytes, 3));
        Assert.StartsWith("train-images-idx3-ubyte: truncated", e.Message);
    }

    [Fact]
    public void A_file_shorter_than_its_header_is_rejected()
    {
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels("labels", new byte[5], 1));
        Assert.Contains("shorter than the 8-byte IDX header", e.Message);
    }

    [Fact]
    public void A_wrong_magic_number_is_rejected()
    {
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages("imgs", Images(1, magic: 0x0803_0000), 1));
        Assert.Contains("wrong magic number", e.Message);
        Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels("labels-given-images", Images(1), 1));
    }

    [Fact]
    public void Wrong_dimensions_counts_and_labels_are_rejected()
    {
        Assert.Contains("expected 28x28", Assert.Throws<DataFormatException>(() => IdxReader.ReadImages("x", Images(1, rows: 27), 1)).Message);
        Assert.Contains("holds 2 items, expected 3", Assert.Throws<DataFormatException>(() => IdxReader.ReadImages("x", Images(2), 3)).Message);
        var labels = new byte[] { 0, 0, 8, 1, 0, 0, 0, 2, 3, 12 };
        Assert.Contains("label 1 is 12", Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels("l", labels, 2)).Message);
        var extra = Images(1).Concat(new byte[] { 1 }).ToArray();
        Assert.Contains("trailing", Assert.Throws<DataFormatException>(() => IdxReader.ReadImages("x", extra, 1)).Message);
    }

    [Fact]
    public void A_checksum_mismatch_is_rejected_naming_the_file()
    {
        // A structurally valid label file with one label changed: only the SHA-256 can catch it.
        var good = File.ReadAllBytes(Path.Combine(TestMnist.Folder, MnistFiles.TestLabels.Name));
        var bad = (byte[])good.Clone();
        bad[100] = (byte)((bad[100] + 1) % 10);
        var dir = RepoPaths.NewTempFolder("checksum");
        foreach (var f in MnistFiles.All.Where(f => f != MnistFiles.TestLabels))
        {
            File.Copy(Path.Combine(TestMnist.Folder, f.Name), Path.Combine(dir, f.Name));
        }
        File.WriteAllBytes(Path.Combine(dir, MnistFiles.TestLabels.Name), bad);
        var e = Assert.Throws<DataFormatException>(() => MnistStore.FetchFromFolder(dir, RepoPaths.NewTempFolder("cache")));
        Assert.StartsWith("t10k-labels-idx1-ubyte: SHA-256 mismatch", e.Message);
    }

    [Fact]
    public void Fetch_from_a_folder_accepts_gzip_and_loads_the_real_split()
    {
        var dir = RepoPaths.NewTempFolder("gz");
        foreach (var f in MnistFiles.All)
        {
            using var src = File.OpenRead(Path.Combine(TestMnist.Folder, f.Name));
            using var dst = new GZipStream(File.Create(Path.Combine(dir, f.Name + ".gz")), CompressionLevel.Fastest);
            src.CopyTo(dst);
        }
        var cache = RepoPaths.NewTempFolder("cache");
        MnistStore.FetchFromFolder(dir, cache);
        var data = MnistDataset.Load(cache);
        Assert.Equal(60_000, data.Train.Count);
        Assert.Equal(10_000, data.Test.Count);
        Assert.Equal(5, data.Train.Labels[0]); // the famous first training digit
        Assert.Equal(7, data.Test.Labels[0]);
        Directory.Delete(dir, true);
        Directory.Delete(cache, true);
    }

    [Fact]
    public void A_missing_file_in_the_source_folder_is_named()
    {
        var e = Assert.Throws<DataFormatException>(() => MnistStore.FetchFromFolder(RepoPaths.NewTempFolder("empty"), RepoPaths.NewTempFolder("cache")));
        Assert.Contains("train-images-idx3-ubyte", e.Message);
    }
}
