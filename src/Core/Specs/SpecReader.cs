using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mentia.Core.Specs;

/// <summary>
/// Reads a sweep spec from YAML or JSON (JSON is read by the same YAML 1.2 parser) and validates every
/// field, collecting all problems before failing so a user fixes a spec in one round. Every problem of the
/// file itself (encoding, syntax, an empty file) is a <see cref="SpecValidationException"/> too, with the
/// line and column to fix: nothing the parser throws reaches the caller as anything else.
/// </summary>
public static class SpecReader
{
    /// <summary>Reads and validates the spec in <paramref name="path"/> (UTF-8, a byte-order mark allowed).</summary>
    public static SweepSpec ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new SpecValidationException(path, [new SpecError("(file)", $"file '{path}' does not exist")]);
        }
        byte[] bytes;
        try
        {
            // The size before the bytes: a 50 MB file is refused without being read, let alone parsed.
            var length = new FileInfo(path).Length;
            if (length > SpecLimits.MaxSpecBytes)
            {
                throw TooLarge(path, $"file '{path}'", length, atLeast: false);
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecValidationException(path, [new SpecError("(file)", $"file '{path}' cannot be read: {e.Message}")]);
        }
        return Parse(SpecDecoder.Decode(bytes, path), path);
    }

    /// <summary>Validates spec text; <paramref name="source"/> names it in messages.</summary>
    public static SweepSpec Parse(string text, string source = "spec")
    {
        ArgumentNullException.ThrowIfNull(text);
        // Every way in (a file, a grain given text by a client) meets the same bound before the parser does.
        // A UTF-8 byte count is never below the char count, so text that long is refused without counting its bytes.
        long bytes = text.Length > SpecLimits.MaxSpecBytes ? text.Length : System.Text.Encoding.UTF8.GetByteCount(text);
        if (bytes > SpecLimits.MaxSpecBytes)
        {
            throw TooLarge(source, "the spec text", bytes, atLeast: text.Length > SpecLimits.MaxSpecBytes);
        }
        // A byte-order mark that survived decoding (text read by other means) is not part of the spec.
        var root = Load(text.StartsWith('\uFEFF') ? text[1..] : text, source);
        var walker = new SpecWalker();
        var spec = walker.ReadSpec(root);
        if (walker.Errors.Count > 0 || spec is null)
        {
            throw new SpecValidationException(source, walker.Errors);
        }
        return spec;
    }

    private static SpecValidationException TooLarge(string source, string what, long bytes, bool atLeast) =>
        new(source, [new SpecError("(file)",
            $"{what} is {(atLeast ? "at least " : "")}{bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes; a spec is at most {SpecLimits.MaxSpecBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes (1 MiB); a spec lists the grid's axes, not its runs (examples/paper.yaml, the study's main sweep, is under 1 KiB)")]);

    private static YamlMappingNode Load(string text, string source)
    {
        var stream = new YamlStream();
        var parser = new PositionTrackingParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(parser);
        }
#pragma warning disable CA1031 // Whatever the YAML library throws on this text is a syntax error of the text, to be reported as one.
        catch (Exception e)
#pragma warning restore CA1031
        {
            throw new SpecValidationException(source, [SpecSyntax.Diagnose(text) ?? SpecParserMessages.Explain(e, parser.LastGood, text)]);
        }
        if (stream.Documents.Count == 0)
        {
            throw new SpecValidationException(source, [new SpecError("(file)",
                "the spec is empty (no keys, only blank lines or comments); it needs name, seed, model, dropout, N, replicas and passes (`mentia spec example` prints one)")]);
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw new SpecValidationException(source, [new SpecError("(root)",
                $"the file holds {stream.Documents.Count} YAML documents (separated by '---'); a spec is one", (int)second.Line, (int)second.Column)]);
        }
        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode map)
        {
            throw new SpecValidationException(source, [new SpecError("(root)",
                $"the spec must be one mapping of keys to values (name: ..., seed: ...); got {SpecWalker.Describe(root)}", (int)root.Start.Line, (int)root.Start.Column)]);
        }
        return map;
    }
}
