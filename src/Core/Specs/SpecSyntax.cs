using System.Text.RegularExpressions;

namespace Mentia.Core.Specs;

/// <summary>
/// Finds the syntax mistakes people make in specs and names them in plain words, at the place to fix:
/// a tab used as indentation, a '[', '{' or quote that is never closed, a closing bracket that closes
/// nothing or the wrong thing. Called only after the YAML parser has refused the text, because the parser
/// reports these late (at the next key, or at the end of the file) or not in words a user can act on, and
/// once (YamlDotNet 18) not as a parse error at all. A lexer of the YAML subset specs use, not a parser:
/// it returns null when it sees nothing it can name, and the parser's own message is used instead.
/// </summary>
internal static partial class SpecSyntax
{
    /// <summary>The first problem in <paramref name="text"/> this lexer can name, or null.</summary>
    public static SpecError? Diagnose(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var open = new Stack<(char Bracket, int Line, int Column)>();
        (char Quote, int Line, int Column)? quote = null;
        int flowParentIndent = -1;   // lines inside a flow collection must be indented more than this
        int? blockScalarParent = null; // inside a '|' or '>' scalar: the indentation of the key that holds it
        bool seenContent = false;

        for (int n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            int lineNo = n + 1;
            int start = 0;
            while (start < line.Length && line[start] is ' ' or '\t')
            {
                start++;
            }
            bool blank = start == line.Length || line[start] == '#';

            if (blockScalarParent is { } parent)
            {
                if (blank || start > parent)
                {
                    continue; // the scalar's own text: anything goes
                }
                blockScalarParent = null;
            }

            if (quote is null && !blank)
            {
                int tab = line.IndexOf('\t', 0, start);
                if (open.Count == 0 && tab >= 0)
                {
                    return new SpecError("(syntax)", "a tab is used for indentation; YAML indents with spaces only: replace the tab with spaces", lineNo, tab + 1);
                }
                if (open.Count > 0 && flowParentIndent >= 0 && start <= flowParentIndent)
                {
                    var (bracket, l, c) = open.Peek();
                    var close = Closer(bracket);
                    var what = bracket == '[' ? "list" : "mapping";
                    return BlockKey().IsMatch(line)
                        ? new SpecError("(syntax)", $"the '{bracket}' that starts this {what} is never closed: line {lineNo} starts the next entry before a '{close}'; add '{close}' where the {what} should end", l, c)
                        : new SpecError("(syntax)", $"line {lineNo} continues the {what} that this '{bracket}' starts, but is not indented more than the key that holds it: indent it, or close the {what} with '{close}' before it", l, c);
                }
            }

            for (int i = quote is null ? start : 0; i < line.Length; i++)
            {
                char ch = line[i];
                if (quote is { } q)
                {
                    if (q.Quote == '"' && ch == '\\')
                    {
                        i++; // an escaped character, e.g. \" or \\
                    }
                    else if (q.Quote == '\'' && ch == '\'' && i + 1 < line.Length && line[i + 1] == '\'')
                    {
                        i++; // '' is a quote inside a single-quoted string
                    }
                    else if (ch == q.Quote)
                    {
                        quote = null;
                    }
                    continue;
                }
                if (ch == '#' && (i == 0 || line[i - 1] is ' ' or '\t'))
                {
                    break; // a comment runs to the end of the line
                }
                bool tokenStart = TokenStart(line, i);
                if (ch is '"' or '\'' && tokenStart)
                {
                    quote = (ch, lineNo, i + 1);
                }
                else if (ch is '[' or '{' && (open.Count > 0 || tokenStart))
                {
                    if (open.Count == 0)
                    {
                        // A flow collection that is the document itself (JSON) may use any indentation; one that is
                        // the value of a block key must stay indented past that key.
                        bool firstOnLine = i == start;
                        flowParentIndent = firstOnLine && !seenContent ? -1 : firstOnLine ? start - 1 : start;
                    }
                    open.Push((ch, lineNo, i + 1));
                }
                else if (ch is ']' or '}' && (open.Count > 0 || tokenStart))
                {
                    if (open.Count == 0)
                    {
                        return new SpecError("(syntax)", $"this '{ch}' closes nothing: no '{Opener(ch)}' is open here; remove it", lineNo, i + 1);
                    }
                    var (bracket, l, c) = open.Peek();
                    if (Closer(bracket) != ch)
                    {
                        return new SpecError("(syntax)", $"this '{ch}' does not match the '{bracket}' opened on line {l}, column {c}: close that one with '{Closer(bracket)}' first", lineNo, i + 1);
                    }
                    open.Pop();
                }
            }
            if (!blank)
            {
                seenContent = true;
            }
            if (quote is null && open.Count == 0 && BlockScalarStart().IsMatch(line))
            {
                blockScalarParent = start;
            }
        }

        if (quote is { } unclosed)
        {
            var name = unclosed.Quote == '"' ? "double quote (\")" : "single quote (')";
            return new SpecError("(syntax)", $"the {name} that starts here is never closed: the file ends inside the quoted text; add the closing quote", unclosed.Line, unclosed.Column);
        }
        if (open.Count > 0)
        {
            var (bracket, l, c) = open.Peek();
            var more = open.Count switch
            {
                1 => "",
                2 => " (the one opened before it is not closed either)",
                _ => $" ({open.Count - 1} opened before it are not closed either)",
            };
            return new SpecError("(syntax)", $"the '{bracket}' that starts here is never closed: the file ends first; add '{Closer(bracket)}'{more}", l, c);
        }
        return null;
    }

    /// <summary>Whether a quote or bracket at <paramref name="i"/> begins a value, rather than sitting inside plain text such as it's or a[1].</summary>
    private static bool TokenStart(string line, int i)
    {
        int k = i - 1;
        while (k >= 0 && line[k] is ' ' or '\t')
        {
            k--;
        }
        return k < 0 || line[k] is ':' or ',' or '[' or '{' or '-' or '?';
    }

    private static char Closer(char open) => open == '[' ? ']' : '}';

    private static char Opener(char close) => close == ']' ? '[' : '{';

    /// <summary>A line that begins a block entry: "key:" (plain or quoted key) or "- ".</summary>
    [GeneratedRegex("""^\s*(-(\s|$)|("[^"]*"|'[^']*'|[^\s#\[\]{},:][^:#]*?)\s*:(\s|$))""")]
    private static partial Regex BlockKey();

    /// <summary>A value that opens a literal or folded block scalar: "key: |", "- >-", "key: |2".</summary>
    [GeneratedRegex("""(:|^\s*-)\s+[|>][-+0-9]*\s*(#.*)?$""")]
    private static partial Regex BlockScalarStart();
}
