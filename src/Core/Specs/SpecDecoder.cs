using System.Buffers;
using System.Text;

namespace Mentia.Core.Specs;

/// <summary>
/// Turns the bytes of a spec file into text. Specs are UTF-8, with or without a byte-order mark; anything
/// else is refused with the line and column of the first byte that is not UTF-8, because a silent
/// replacement character would surface later as a puzzling "name not allowed" (or not at all).
/// </summary>
public static class SpecDecoder
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="bytes"/>, without a UTF-8 byte-order mark; throws <see cref="SpecValidationException"/> with an "(encoding)" error otherwise.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (OtherByteOrderMark(bytes) is { } encoding)
        {
            throw Fail(source, $"the file is {encoding} (it starts with a {encoding} byte-order mark); specs are UTF-8: save it as UTF-8", 1, 1);
        }
        int index = 0;
        while (index < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[index..], out var rune, out var consumed);
            if (status != OperationStatus.Done)
            {
                var (line, column) = Place(bytes, index);
                var shown = string.Join(" ", bytes.Slice(index, Math.Min(consumed == 0 ? 1 : consumed, 4)).ToArray().Select(b => $"0x{b:X2}"));
                throw Fail(source, $"byte {shown} is not UTF-8 (a file saved as Latin-1 or Windows-1252 has such bytes for letters like 'é'); specs are UTF-8: save it as UTF-8", line, column);
            }
            if (rune.Value == 0)
            {
                // Valid UTF-8 but never text: most often a UTF-16 file without a byte-order mark.
                var (line, column) = Place(bytes, index);
                throw Fail(source, "the file contains a NUL byte (0x00): it is not a text file, or it is UTF-16; specs are UTF-8: save it as UTF-8", line, column);
            }
            index += consumed;
        }
        return Utf8.GetString(bytes);
    }

    private static string? OtherByteOrderMark(ReadOnlySpan<byte> b) =>
        b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) ? "UTF-32"
        : b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]) ? "UTF-32"
        : b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? "UTF-16"
        : null;

    /// <summary>Line and column (from 1, columns in characters) of byte <paramref name="index"/>; everything before it is valid UTF-8.</summary>
    private static (int Line, int Column) Place(ReadOnlySpan<byte> bytes, int index)
    {
        var before = bytes[..index];
        int line = 1 + before.Count((byte)'\n');
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        int column = 1 + Utf8.GetCharCount(bytes[lineStart..index]);
        return (line, column);
    }

    private static SpecValidationException Fail(string source, string message, int line, int column) =>
        new(source, [new SpecError("(encoding)", message, line, column)]);
}
