namespace Mentia.Core.Specs;

/// <summary>One problem in a spec: the field path (e.g. training.batchSize, dropout.train[2]), and what is wrong.</summary>
public sealed record SpecError(string Path, string Message, int? Line = null)
{
    public override string ToString() => Line is { } l ? $"{Path} (line {l}): {Message}" : $"{Path}: {Message}";
}

/// <summary>A spec with one or more problems; all of them are listed, not only the first.</summary>
public sealed class SpecValidationException(string source, IReadOnlyList<SpecError> errors)
    : Exception($"{source}: {errors.Count} problem(s) in the sweep spec:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public string SpecSource { get; } = source;
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
