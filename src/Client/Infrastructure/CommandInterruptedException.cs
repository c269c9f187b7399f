namespace Mentia.Client.Infrastructure;

/// <summary>A command stopped by SIGINT or SIGTERM; the message says which and what that left behind. Exit code 130 or 143.</summary>
public sealed class CommandInterruptedException(string message, int exitCode) : OperationCanceledException(message)
{
    /// <summary>130 (SIGINT) or 143 (SIGTERM).</summary>
    public int ExitCode { get; } = exitCode;
}
