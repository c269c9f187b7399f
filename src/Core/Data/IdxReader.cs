using System.Buffers.Binary;

namespace Mentia.Core.Data;

/// <summary>
/// Reads IDX files (big-endian header: magic, then one int32 per dimension, then unsigned bytes).
/// Every check names the file and what is wrong, so a bad download never turns into silent garbage.
/// </summary>
public static class IdxReader
{
    public const int ImagesMagic = 0x00000803; // unsigned byte, 3 dimensions
    public const int LabelsMagic = 0x00000801; // unsigned byte, 1 dimension

    /// <summary>Images scaled to [0,1] and flattened row-major to 784 floats each.</summary>
    public static float[] ReadImages(string name, ReadOnlySpan<byte> bytes, int expectedCount)
    {
        var header = ReadHeader(name, bytes, ImagesMagic, 3);
        if (header[1] != MnistFiles.Rows || header[2] != MnistFiles.Cols)
        {
            throw new DataFormatException($"{name}: images are {header[1]}x{header[2]}, expected {MnistFiles.Rows}x{MnistFiles.Cols}");
        }
        CheckCount(name, header[0], expectedCount);
        long need = 16 + (long)header[0] * MnistFiles.Pixels;
        CheckLength(name, bytes.Length, need);
        var pixels = new float[header[0] * MnistFiles.Pixels];
        var body = bytes.Slice(16, pixels.Length);
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = body[i] / 255f;
        }
        return pixels;
    }

    /// <summary>Labels as bytes; each must be a digit 0..9.</summary>
    public static byte[] ReadLabels(string name, ReadOnlySpan<byte> bytes, int expectedCount)
    {
        var header = ReadHeader(name, bytes, LabelsMagic, 1);
        CheckCount(name, header[0], expectedCount);
        CheckLength(name, bytes.Length, 8 + (long)header[0]);
        var labels = bytes.Slice(8, header[0]).ToArray();
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= MnistFiles.Classes)
            {
                throw new DataFormatException($"{name}: label {i} is {labels[i]}, expected a digit 0..9");
            }
        }
        return labels;
    }

    private static int[] ReadHeader(string name, ReadOnlySpan<byte> bytes, int magic, int dims)
    {
        int headerBytes = 4 + 4 * dims;
        if (bytes.Length < headerBytes)
        {
            throw new DataFormatException($"{name}: truncated: {bytes.Length} bytes, shorter than the {headerBytes}-byte IDX header");
        }
        int actual = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (actual != magic)
        {
            throw new DataFormatException($"{name}: wrong magic number 0x{actual:x8}, expected 0x{magic:x8} ({(magic == ImagesMagic ? "images" : "labels")})");
        }
        var header = new int[dims];
        for (int d = 0; d < dims; d++)
        {
            header[d] = BinaryPrimitives.ReadInt32BigEndian(bytes[(4 + 4 * d)..]);
            if (header[d] <= 0)
            {
                throw new DataFormatException($"{name}: dimension {d} is {header[d]}, must be positive");
            }
        }
        return header;
    }

    private static void CheckCount(string name, int count, int expected)
    {
        if (count != expected)
        {
            throw new DataFormatException($"{name}: holds {count} items, expected {expected}");
        }
    }

    private static void CheckLength(string name, long length, long need)
    {
        if (length < need)
        {
            throw new DataFormatException($"{name}: truncated: {length} bytes, the header promises {need}");
        }
        if (length > need)
        {
            throw new DataFormatException($"{name}: {length - need} unexpected trailing bytes after the {need} the header promises");
        }
    }
}
