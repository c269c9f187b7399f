using System.Text.RegularExpressions;
using Mentia.Analysis.Io;
using Mentia.Core.Data;
using Mentia.Core.Specs;
using Mentia.Storage;
using Spectre.Console.Cli;

namespace Mentia.Client.Infrastructure;

/// <summary>
/// One failure as the CLI reports it: the exit code, a short kind, the message, and where the fault is
/// (the option or field, the file, the line) when that is known. Written as "error: MESSAGE" on stderr,
/// and with --json also as {"error": {...}} on stdout.
/// </summary>
public sealed partial record ErrorReport(int Code, string Kind, string Message)
{
    /// <summary>The option, argument, variable or spec field at fault ("--format", "ID", "$MENTIA_TIMEOUT", "model.widths[0]").</summary>
    public string? Field { get; init; }

    /// <summary>The file at fault, when the error is about one.</summary>
    public string? File { get; init; }

    /// <summary>The 1-based line in <see cref="File"/>, when known.</summary>
    public int? Line { get; init; }

    /// <summary>The 1-based column on <see cref="Line"/>, when known.</summary>
    public int? Column { get; init; }

    /// <summary>Every problem of an invalid spec (all are listed, not only the first).</summary>
    public IReadOnlyList<SpecProblem>? Problems { get; init; }

    /// <summary>One problem of a spec: the field path, its line and column, what is wrong.</summary>
    public sealed record SpecProblem(string Field, int? Line, int? Column, string Message);

    /// <summary>What a failure means for the user; a bug (anything unexpected) keeps its exception name so it can be reported.</summary>
    public static ErrorReport From(Exception e) => e switch
    {
        SpecValidationException s => new ErrorReport(ExitCodes.BadInput, "invalid-spec", s.Message)
        {
            File = s.SpecSource,
            Field = s.Errors.Count == 1 ? s.Errors[0].Path : null,
            Line = s.Errors.Count == 1 ? s.Errors[0].Line : null,
            Column = s.Errors.Count == 1 ? s.Errors[0].Column : null,
            Problems = s.Errors.Select(x => new SpecProblem(x.Path, x.Line, x.Column, x.Message)).ToList(),
        },
        AnalysisInputException a => new ErrorReport(ExitCodes.BadInput, "bad-data", a.Message) { File = a.Source, Line = a.Line, Field = a.Column },
        DataFormatException => new ErrorReport(ExitCodes.BadInput, "bad-data", e.Message),
        UserInputException u => new ErrorReport(ExitCodes.BadInput, "bad-input", u.Message) { Field = u.Field ?? FieldOf(u.Message) },
        CommandParseException or CommandRuntimeException => new ErrorReport(ExitCodes.BadInput, "bad-input", e.Message + " (see --help)") { Field = FieldOf(e.Message) ?? ParserField(e.Message) },
        ArgumentException when e.GetType() == typeof(ArgumentException) => new ErrorReport(ExitCodes.BadInput, "bad-input", e.Message) { Field = FieldOf(e.Message) },
        ClusterUnavailableException => new ErrorReport(ExitCodes.Failure, "cluster-unavailable", e.Message),
        // A call the connected cluster could not answer now (a silo lost, storage down): not a bug of mentia's.
        Orleans.Runtime.OrleansException => new ErrorReport(ExitCodes.Failure, "cluster-unavailable", $"the cluster did not answer: {e.Message}; the sweep is not affected, try again"),
        StorageUnavailableException => new ErrorReport(ExitCodes.Failure, "storage-unavailable", e.Message),
        CommandInterruptedException i => new ErrorReport(i.ExitCode, "interrupted", i.Message),
        OperationCanceledException => new ErrorReport(ExitCodes.Failure, "cancelled", "cancelled"),
        _ when e.GetType().Name.EndsWith("InputException", StringComparison.Ordinal) => new ErrorReport(ExitCodes.BadInput, "bad-input", e.Message),
        _ => new ErrorReport(ExitCodes.Failure, "internal", $"{e.GetType().Name}: {e.Message} (set MENTIA_DEBUG=1 for details)"),
    };

    /// <summary>The field a message names by the CLI's convention of starting with it: "--timeout: 0 is out of range", "ID: no sweep".</summary>
    private static string? FieldOf(string message) => FieldPrefix().Match(message) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The field in the command-line parser's own words: "missing required argument 'ID'", "Unknown option 'jsn'".</summary>
    private static string? ParserField(string message)
    {
        var m = ParserNamed().Match(message);
        if (!m.Success)
        {
            return null;
        }
        var name = m.Groups[2].Value;
        return m.Groups[1].Value.Equals("argument", StringComparison.OrdinalIgnoreCase) ? name : (name.Length == 1 ? "-" : "--") + name;
    }

    [GeneratedRegex(@"\b(argument|option) '([^']+)'", RegexOptions.IgnoreCase)]
    private static partial Regex ParserNamed();

    [GeneratedRegex(@"^(--[a-z][a-z0-9-]*|\$[A-Z][A-Z0-9_]*|[A-Z][A-Z0-9_]*(?:\|[A-Za-z0-9_.]+)?): ")]
    private static partial Regex FieldPrefix();
}
