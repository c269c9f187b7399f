namespace Mentia.Client.Infrastructure;

/// <summary>Something the user typed is wrong; the message names the option and the allowed values. Exit code 2.</summary>
public sealed class UserInputException(string message, string? field = null) : Exception(message)
{
    /// <summary>The option, argument or variable at fault (e.g. "--mnist"); null to read it from the message's "FIELD: " prefix.</summary>
    public string? Field { get; } = field;
}
