using Mentia.Core.Data;
using Mentia.Core.Specs;
using Mentia.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Infrastructure;

/// <summary>
/// Turns every exception that reaches the top into one clear message and an exit code; a stack
/// trace is printed only for bugs, and only with MENTIA_DEBUG=1.
/// </summary>
public static class ErrorReporter
{
    public static int Handle(Exception e, IAnsiConsole errors)
    {
        var (code, message) = Classify(e);
        // Plain text, never wrapped: scripts and CI logs grep these lines.
        errors.Profile.Out.Writer.WriteLine($"error: {message}");
        if (code == ExitCodes.Failure && Environment.GetEnvironmentVariable("MENTIA_DEBUG") == "1")
        {
            errors.WriteException(e);
        }
        return code;
    }

    internal static (int Code, string Message) Classify(Exception e) => e switch
    {
        SpecValidationException or DataFormatException or UserInputException => (ExitCodes.BadInput, e.Message),
        CommandParseException or CommandRuntimeException => (ExitCodes.BadInput, e.Message + " (see --help)"),
        ArgumentException when e.GetType() == typeof(ArgumentException) => (ExitCodes.BadInput, e.Message),
        StorageUnavailableException or ClusterUnavailableException => (ExitCodes.Failure, e.Message),
        OperationCanceledException => (ExitCodes.Failure, "cancelled"),
        _ when e.GetType().Name.EndsWith("InputException", StringComparison.Ordinal) => (ExitCodes.BadInput, e.Message),
        _ => (ExitCodes.Failure, $"{e.GetType().Name}: {e.Message} (set MENTIA_DEBUG=1 for details)"),
    };
}
