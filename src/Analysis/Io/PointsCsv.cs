using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Mentia.Analysis.Exponents;
using Mentia.Analysis.Scaling;

namespace Mentia.Analysis.Io;

/// <summary>
/// The CLI's plain CSV inputs. A header line names the columns (case-insensitive, any order,
/// extra columns ignored); each further non-blank line is one point. Lines starting with '#'
/// are comments. Numbers use the invariant culture ("0.35", "1e-3"); fields may be quoted.
///   fss:       p, N, y, dy   (tuning parameter, size, observable, its standard error)
///   fit-alpha: N, y, dy
/// Anything unusable is an <see cref="AnalysisInputException"/> naming the file, line and column.
/// </summary>
public static class PointsCsv
{
    public static IReadOnlyList<ScalingPoint> ReadScalingPoints(string path)
    {
        using var reader = Open(path);
        return ReadScalingPoints(reader, path);
    }

    public static IReadOnlyList<ScalingPoint> ReadScalingPoints(TextReader reader, string source)
    {
        var rows = Read(reader, source, ["p", "N", "y", "dy"]);
        // A repeated (p, N) would be predicted perfectly by its twin in the collapse: refuse it, naming both lines.
        var first = new Dictionary<(double, double), int>();
        foreach (var r in rows)
        {
            if (first.TryGetValue((r.Values[0], r.Values[1]), out var earlier))
            {
                throw new AnalysisInputException(source, r.Line, "p",
                    $"the point (p = {Text(r.Values[0])}, N = {Text(r.Values[1])}) already appeared on line {earlier}; give each (p, N) once (merge repeats into one mean and error)");
            }
            first[(r.Values[0], r.Values[1])] = r.Line;
        }
        var points = rows.Select(r => new ScalingPoint(r.Values[0], r.Values[1], r.Values[2], r.Values[3])).ToList();
        RequireSizes(points.Select(q => q.N), source);
        return points;
    }

    public static IReadOnlyList<SizePoint> ReadSizePoints(string path)
    {
        using var reader = Open(path);
        return ReadSizePoints(reader, path);
    }

    public static IReadOnlyList<SizePoint> ReadSizePoints(TextReader reader, string source)
    {
        var rows = Read(reader, source, ["N", "y", "dy"]);
        foreach (var r in rows)
        {
            if (r.Values[1] <= 0)
            {
                throw new AnalysisInputException(source, r.Line, "y", $"y must be positive to take its logarithm, got {Text(r.Values[1])}");
            }
        }
        var points = rows.Select(r => new SizePoint(r.Values[0], r.Values[1], r.Values[2])).ToList();
        RequireSizes(points.Select(q => q.N), source);
        return points;
    }

    private static StreamReader Open(string path)
    {
        try
        {
            return new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new AnalysisInputException(path, null, null, $"cannot open: {e.Message}");
        }
    }

    private sealed record Row(int Line, double[] Values);

    /// <summary>
    /// Reads the columns named (N and dy validated: N &gt; 0, dy &gt; 0; everything finite). Fields are split by
    /// CsvHelper (RFC 4180: a quoted field may hold commas, quotes doubled inside it); '#' starts a comment line.
    /// </summary>
    private static List<Row> Read(TextReader reader, string source, string[] columns)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            AllowComments = true,
            Comment = '#',
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
        };
        using var parser = new CsvParser(reader, config, leaveOpen: true);
        int[]? index = null;
        int headerWidth = 0;
        var rows = new List<Row>();
        while (Next(parser, source))
        {
            var fields = parser.Record!.Select(f => f.Trim()).ToArray();
            int lineNumber = parser.RawRow;
            if (fields.All(f => f.Length == 0))
            {
                continue;
            }
            if (index is null)
            {
                index = Header(fields, columns, source, lineNumber);
                headerWidth = fields.Length;
                continue;
            }
            var values = new double[columns.Length];
            for (int c = 0; c < columns.Length; c++)
            {
                var k = index[c];
                if (k >= fields.Length)
                {
                    throw new AnalysisInputException(source, lineNumber, columns[c], $"missing value: the line has {fields.Length} fields, the header {headerWidth}");
                }
                var text = fields[k];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    throw new AnalysisInputException(source, lineNumber, columns[c], $"'{text}' is not a number");
                }
                if (!double.IsFinite(v))
                {
                    throw new AnalysisInputException(source, lineNumber, columns[c], $"'{text}' is not a finite number");
                }
                if (columns[c] == "dy" && v <= 0)
                {
                    throw new AnalysisInputException(source, lineNumber, "dy", $"the standard error must be positive, got {text}");
                }
                if (columns[c] == "N" && v <= 0)
                {
                    throw new AnalysisInputException(source, lineNumber, "N", $"the size must be positive, got {text}");
                }
                values[c] = v;
            }
            rows.Add(new Row(lineNumber, values));
        }
        if (index is null)
        {
            throw new AnalysisInputException(source, null, null, $"empty file: expected a header with the columns {string.Join(", ", columns)}");
        }
        return rows;
    }

    /// <summary>The next record; CSV that cannot be parsed (an unterminated quote) is an input error with its line.</summary>
    private static bool Next(CsvParser parser, string source)
    {
        try
        {
            return parser.Read();
        }
        catch (CsvHelperException e)
        {
            throw new AnalysisInputException(source, parser.RawRow, null, $"not valid CSV ({e.GetType().Name.Replace("Exception", "", StringComparison.Ordinal)}): check the quotes on this line");
        }
    }

    private static int[] Header(string[] fields, string[] columns, string source, int lineNumber)
    {
        var index = new int[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            var matches = Enumerable.Range(0, fields.Length).Where(k => string.Equals(fields[k], columns[c], StringComparison.OrdinalIgnoreCase)).ToArray();
            if (matches.Length == 0)
            {
                throw new AnalysisInputException(source, lineNumber, columns[c], $"the header has no column '{columns[c]}' (found: {string.Join(", ", fields)}; needed: {string.Join(", ", columns)})");
            }
            if (matches.Length > 1)
            {
                throw new AnalysisInputException(source, lineNumber, columns[c], $"the header names column '{columns[c]}' {matches.Length} times");
            }
            index[c] = matches[0];
        }
        return index;
    }

    private static void RequireSizes(IEnumerable<double> sizes, string source)
    {
        var distinct = sizes.Distinct().Count();
        if (distinct < 2)
        {
            throw new AnalysisInputException(source, null, "N", $"fewer than two sizes: {distinct} distinct N in the file");
        }
    }

    private static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
