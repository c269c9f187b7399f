using System.Text;
using Mentia.TestSupport;

namespace Mentia.Client.Tests.Commands;

/// <summary>
/// Broken variants of every spec the repository ships (examples, docs/data, test fixtures): each cut at every
/// line and in the middle of every line, with tabs as indentation, a closing bracket or quote missing, a
/// byte-order mark, values of the wrong type, keys given twice. What people's editors and copy-paste do.
/// </summary>
internal static class BrokenSpecCorpus
{
    /// <summary>One broken spec: what was done to which file, and its bytes.</summary>
    public sealed record Case(string Name, byte[] Bytes);

    private static readonly UTF8Encoding Utf8 = new(false);

    private static readonly (string Value, string What)[] WrongTypes =
        [("[1, 2]", "a list"), ("{a: 1}", "a mapping"), ("abc", "text"), ("", "no value"), ("-5", "a negative number")];

    public static IReadOnlyList<string> ShippedSpecs()
    {
        var root = RepoPaths.Root;
        var files = Directory.GetFiles(Path.Combine(root, "examples"), "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(root, "docs", "data"), "spec.yaml", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(root, "tests"), "spec.yaml", SearchOption.AllDirectories)
                .Where(f => f.Contains($"{Path.DirectorySeparatorChar}Fixtures{Path.DirectorySeparatorChar}", StringComparison.Ordinal)));
        // A copy (docs/data/study-lite/spec.yaml is examples/study-lite.yaml) adds time, not cases.
        return files.Order(StringComparer.Ordinal).DistinctBy(f => File.ReadAllText(f).ReplaceLineEndings("\n")).ToArray();
    }

    public static IEnumerable<Case> For(string path)
    {
        var name = Path.GetRelativePath(RepoPaths.Root, path);
        var lines = File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
        Case Make(string what, IEnumerable<string> ls) => new($"{name}: {what}", Utf8.GetBytes(string.Join('\n', ls)));

        for (int k = 0; k <= lines.Length; k++)
        {
            yield return Make($"cut after line {k}", lines.Take(k));
            if (k < lines.Length && lines[k].Length > 1)
            {
                yield return Make($"cut in the middle of line {k + 1}", lines.Take(k).Append(lines[k][..(lines[k].Length / 2)]));
            }
        }
        yield return new Case($"{name}: UTF-8 byte-order mark", [0xEF, 0xBB, 0xBF, .. Utf8.GetBytes(string.Join('\n', lines))]);
        yield return new Case($"{name}: byte-order mark, cut after line 3", [0xEF, 0xBB, 0xBF, .. Utf8.GetBytes(string.Join('\n', lines.Take(3)))]);

        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ').Length;
            var content = line.TrimStart(' ');
            if (content.Length == 0 || content.StartsWith('#'))
            {
                continue;
            }
            string[] With(params string[] replacement) => [.. lines.Take(i), .. replacement, .. lines.Skip(i + 1)];
            if (indent > 0)
            {
                yield return Make($"tab as indentation on line {i + 1}", With("\t" + content));
                yield return Make($"tab after the indentation on line {i + 1}", With(new string(' ', indent) + "\t" + content));
            }
            var closer = content.LastIndexOfAny([']', '}']);
            if (closer >= 0)
            {
                yield return Make($"last closing bracket of line {i + 1} removed", With(line.Remove(indent + closer, 1)));
                yield return Make($"extra closing bracket on line {i + 1}", With(line.Insert(indent + closer, content[closer].ToString())));
            }
            var colon = content.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
            {
                var key = content[..colon];
                var value = content[(colon + 2)..];
                var prefix = new string(' ', indent) + key + ": ";
                // One quote and one wrong type per line, taken in turn, keeps the corpus to a few seconds while every
                // kind still meets every part of the spec.
                var quote = i % 2 == 0 ? "\"" : "'";
                yield return Make($"unclosed {quote} on line {i + 1}", With(prefix + quote + value));
                var (wrong, what) = WrongTypes[i % WrongTypes.Length];
                yield return Make($"{what} for the value on line {i + 1}", With((prefix + wrong).TrimEnd()));
                yield return Make($"line {i + 1} given twice", With(line, line));
            }
            else if (content.EndsWith(':'))
            {
                yield return Make($"a number for the mapping on line {i + 1}", With(line + " 5"));
                yield return Make($"line {i + 1} given twice", With(line, line));
            }
        }
    }
}
