using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mentia.Core.Specs;

/// <summary>
/// A YAML parser that remembers where the last event it delivered ended, so that a failure that carries no
/// position of its own (YamlDotNet 18 throws InvalidOperationException on some unclosed flow lists) can still
/// be placed: the text is fine up to that point.
/// </summary>
internal sealed class PositionTrackingParser(IParser inner) : IParser
{
    /// <summary>The end of the last event parsed without error; the start of the text before the first.</summary>
    public Mark LastGood { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        var more = inner.MoveNext();
        if (more && inner.Current is { } e)
        {
            LastGood = e.End;
        }
        return more;
    }
}
