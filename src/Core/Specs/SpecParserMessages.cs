using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Mentia.Core.Specs;

/// <summary>
/// The YAML parser's complaints in words a spec author can act on, at the parser's position. Used for what
/// <see cref="SpecSyntax"/> cannot name itself; the parser's own sentence is kept at the end of the less
/// common ones, so no information is lost.
/// </summary>
internal static partial class SpecParserMessages
{
    public static SpecError Explain(Exception e, Mark lastGood, string text)
    {
        if (e is not YamlException y)
        {
            // Not a parse error with a place (a failure inside the library): the text is valid up to the last
            // thing the parser read, so the problem starts right after it.
            var (line, column) = Place(lastGood);
            return new SpecError("(syntax)", "the text after this point is not valid YAML or JSON (look for an unclosed bracket, brace or quote)", line, column);
        }
        var (l, c) = Place(y.Start);
        var raw = y.Message.Trim();
        if (y is AnchorNotFoundException && AliasName().Match(raw) is { Success: true } name && Find(text, "*" + name.Groups[1].Value) is { } alias)
        {
            // YamlDotNet places this error at the start of the document; the alias itself is what to fix.
            (l, c) = alias;
        }
        var message = raw switch
        {
            _ when raw.StartsWith("Duplicate key", StringComparison.Ordinal) =>
                $"the key '{raw["Duplicate key".Length..].Trim()}' is given twice in the same mapping; keep one",
            _ when raw.Contains("did not find expected key", StringComparison.Ordinal) =>
                "this line does not fit the mapping above it: expected 'key: value' at the indentation of its sibling keys (check the indentation and the ':' after the key)",
            _ when raw.Contains("found invalid mapping", StringComparison.Ordinal) || raw.Contains("Mapping values are not allowed", StringComparison.Ordinal) =>
                "a ': ' where a plain value was expected: put the key on its own line at the indentation of its siblings, or quote a value that contains ': '",
            _ when raw.Contains("did not find expected ',' or '}'", StringComparison.Ordinal) =>
                "expected ',' or '}' here: the entries of a {...} mapping are separated by ',' and the mapping ends with '}'",
            _ when raw.Contains("did not find expected ',' or ']'", StringComparison.Ordinal) =>
                "expected ',' or ']' here: the items of a [...] list are separated by ',' and the list ends with ']'",
            _ when raw.Contains("anchor", StringComparison.OrdinalIgnoreCase) && raw.Contains("not exist", StringComparison.Ordinal) =>
                "an alias (*name) refers to an anchor (&name) that is not defined before it",
            _ when raw.Contains("did not find expected <document start>", StringComparison.Ordinal) =>
                "text after the end of the spec: a spec is one mapping of keys to values (is a key not indented, or a line not a 'key: value'?)",
            _ when raw.Contains("end of stream", StringComparison.Ordinal) =>
                $"the file ends in the middle of a value (an unclosed quote or bracket?) ({raw})",
            _ => $"not valid YAML or JSON here: {raw}",
        };
        return new SpecError("(syntax)", message, l, c);
    }

    /// <summary>Line and column (from 1) of the first occurrence of <paramref name="token"/> in <paramref name="text"/>.</summary>
    private static (int Line, int Column)? Find(string text, string token)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var at = lines[i].IndexOf(token, StringComparison.Ordinal);
            if (at >= 0)
            {
                return (i + 1, at + 1);
            }
        }
        return null;
    }

    [GeneratedRegex("anchor '([^']*)'")]
    private static partial Regex AliasName();

    /// <summary>YamlDotNet counts lines and columns from 1; Mark.Empty (nothing read yet) is the start of the file.</summary>
    private static (int Line, int Column) Place(Mark m) => ((int)Math.Max(1, m.Line), (int)Math.Max(1, m.Column));
}
