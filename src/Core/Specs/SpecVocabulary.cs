namespace Mentia.Core.Specs;

/// <summary>
/// The one set of names Mentia uses for the grid's quantities, in the spec, results.json, the CSV files and the
/// CLI (docs/results.md, "Vocabulary"): width, depth, p_t, p_e, N, replica, pass, phase. Schema 1 spelled
/// some of them differently in the spec; those keys are still read, with a warning, so a stored sweep's spec
/// resumes and an old file validates.
/// </summary>
public static class SpecVocabulary
{
    /// <summary>Top-level keys of schema 1 and their current names.</summary>
    public static IReadOnlyDictionary<string, string> OldTopKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sizes"] = "N",
    };

    /// <summary>Keys of schema 1 under <c>dropout</c> and their current names.</summary>
    public static IReadOnlyDictionary<string, string> OldDropoutKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["train"] = "p_t",
        ["eval"] = "p_e",
    };

    /// <summary>"dropout.train" -&gt; "dropout.p_t": the current name of an old key path.</summary>
    public static string CurrentName(string oldPath)
    {
        ArgumentNullException.ThrowIfNull(oldPath);
        var dot = oldPath.LastIndexOf('.');
        var (parent, key) = dot < 0 ? ("", oldPath) : (oldPath[..dot], oldPath[(dot + 1)..]);
        var names = parent == "dropout" ? OldDropoutKeys : OldTopKeys;
        var current = names.TryGetValue(key, out var c) ? c : key;
        return parent.Length == 0 ? current : $"{parent}.{current}";
    }
}
