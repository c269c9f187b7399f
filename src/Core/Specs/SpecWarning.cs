namespace Mentia.Core.Specs;

/// <summary>
/// Something a valid spec cannot deliver: the field to change and, in words, what the sweep's results will
/// lack. A warning never stops a sweep (a user may want only the loss maps); it is printed so nobody waits
/// an hour for a phase diagram that cannot come.
/// </summary>
public sealed record SpecWarning(string Field, string Message)
{
    /// <summary>"field: message".</summary>
    public override string ToString() => $"{Field}: {Message}";
}
