namespace Mentia.Analysis.Io;

/// <summary>A data file the analysis cannot use; the message names the file, and the line and column where there is one.</summary>
public sealed class AnalysisInputException : Exception
{
    public AnalysisInputException(string source, int? line, string? column, string problem)
        : base(Format(source, line, column, problem))
    {
        Source = source;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file (or stream name).</summary>
    public new string Source { get; }

    /// <summary>1-based line number, counting the header as line 1.</summary>
    public int? Line { get; }

    public string? Column { get; }

    public string Problem { get; }

    private static string Format(string source, int? line, string? column, string problem)
    {
        var where = source;
        if (line is { } l)
        {
            where += $", line {l}";
        }
        if (column is not null)
        {
            where += $", column '{column}'";
        }
        return $"{where}: {problem}";
    }
}
