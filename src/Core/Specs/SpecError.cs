namespace Mentia.Core.Specs;

/// <summary>
/// One problem in a spec: the field path (e.g. training.batchSize, dropout.p_t[2]; or "(syntax)",
/// "(encoding)", "(file)", "(root)" for problems of the file as a whole), what is wrong, and where
/// (line and column, both counted from 1, when the problem has a place).
/// </summary>
public sealed record SpecError(string Path, string Message, int? Line = null, int? Column = null)
{
    /// <summary>"path (line 3, column 7): message"; the place is left out when unknown.</summary>
    public override string ToString() => (Line, Column) switch
    {
        ({ } l, { } c) => $"{Path} (line {l}, column {c}): {Message}",
        ({ } l, null) => $"{Path} (line {l}): {Message}",
        _ => $"{Path}: {Message}",
    };
}

/// <summary>A spec with one or more problems; all of them are listed, not only the first.</summary>
public sealed class SpecValidationException(string source, IReadOnlyList<SpecError> errors)
    : Exception($"{source}: {errors.Count} problem(s) in the sweep spec:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    /// <summary>The file name (or sweep id) the spec came from, as the messages name it.</summary>
    public string SpecSource { get; } = source;

    /// <summary>Every problem found, in the order the reader met them.</summary>
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
