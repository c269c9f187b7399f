using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MessagePack;

namespace Mentia.Storage.Records;

/// <summary>
/// The frame every stored Mentia record shares: a MessagePack array [magic, formatVersion, fields...,
/// SHA-256 of the payload's numbers], read back only when the field count, magic, version and hash all
/// match and nothing trails. The codecs write their fields between <see cref="WriteHeader"/> and
/// <see cref="WriteHash"/>; <see cref="Read{T}"/> turns any MessagePack defect into the record's own exception.
/// </summary>
internal static class RecordEnvelope
{
    public static void WriteHeader(ref MessagePackWriter w, int fields, string magic, int version)
    {
        w.WriteArrayHeader(fields);
        w.Write(magic);
        w.Write(version);
    }

    public static void WriteHash(ref MessagePackWriter w, IncrementalHash sha) => w.Write(sha.GetHashAndReset());

    /// <summary>Reads the frame's header; returns the format version (which must be <paramref name="version"/>).</summary>
    public static int ReadHeader(ref MessagePackReader r, int fields, string magic, int version, string what, Func<string, Exception> fail)
    {
        if (r.ReadArrayHeader() is var n && n != fields)
        {
            throw fail($"expected {fields} fields, found {n}");
        }
        if (r.ReadString() != magic)
        {
            throw fail($"not a Mentia {what} record");
        }
        if (r.ReadInt32() is var found && found != version)
        {
            throw fail($"format version {found} is not supported (this build reads {version})");
        }
        return found;
    }

    /// <summary>Reads the stored hash, checks it against <paramref name="sha"/> and that the record ends there.</summary>
    public static void ReadHash(ref MessagePackReader r, IncrementalHash sha, string hashed, Func<string, Exception> fail)
    {
        var stored = r.ReadBytes()?.ToArray() ?? throw fail("no hash");
        if (!r.End)
        {
            throw fail("trailing bytes after the record");
        }
        var actual = sha.GetHashAndReset();
        if (!CryptographicOperations.FixedTimeEquals(stored, actual))
        {
            throw fail($"SHA-256 of {hashed} is {Convert.ToHexString(actual)}, record says {Convert.ToHexString(stored)}");
        }
    }

    /// <summary>Runs <paramref name="read"/>; MessagePack and range defects become <paramref name="fail"/>'s exception.</summary>
    public static T Read<T, TException>(Func<T> read, Func<string, Exception?, TException> fail) where TException : RecordFormatException
    {
        try
        {
            return read();
        }
        catch (RecordFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or InvalidOperationException or OverflowException or ArgumentException)
        {
            throw fail($"not readable MessagePack ({e.Message})", e);
        }
    }

    /// <summary>The little-endian bytes of <paramref name="values"/>, as they are hashed and stored.</summary>
    public static ReadOnlySpan<byte> Bytes<T>(ReadOnlySpan<T> values) where T : struct
    {
        RequireLittleEndian();
        return MemoryMarshal.AsBytes(values);
    }

    /// <summary>Records are little-endian on disk and read by reinterpreting memory: big-endian hosts are refused.</summary>
    public static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("big-endian hosts");
        }
    }
}
