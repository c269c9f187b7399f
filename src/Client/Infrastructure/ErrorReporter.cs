using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Mentia.Client.Infrastructure;

/// <summary>
/// Turns every exception that reaches the top into one clear message and an exit code; a stack
/// trace is printed only for bugs, and only with MENTIA_DEBUG=1. With --json the same report also goes
/// to standard output as one JSON object, so a script reading stdout never gets anything but JSON.
/// </summary>
public static class ErrorReporter
{
    // One line, no nulls: the error object ends a stream of JSON lines (watch --json) as cleanly as it stands alone.
    private static readonly JsonSerializerOptions ErrorJson = new(JsonOutput.LineOptions)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Messages quote values ('csv', 'ID'); \u0027 escapes would make them unreadable. Still valid JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reports <paramref name="e"/> on <paramref name="errors"/> and, when given, as JSON on <paramref name="json"/>; returns the exit code.</summary>
    public static int Handle(Exception e, IAnsiConsole errors, IAnsiConsole? json = null)
    {
        var report = ErrorReport.From(e);
        // Plain text, never wrapped: scripts and CI logs grep these lines.
        errors.Profile.Out.Writer.WriteLine($"error: {report.Message}");
        json?.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new { error = report }, ErrorJson));
        if (report.Code == ExitCodes.Failure && Environment.GetEnvironmentVariable("MENTIA_DEBUG") == "1")
        {
            errors.WriteException(e);
        }
        return report.Code;
    }
}
