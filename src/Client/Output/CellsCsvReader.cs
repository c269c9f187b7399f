using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Mentia.Analysis.Statistics;
using Mentia.Analysis.Sweeps;
using Mentia.Client.Infrastructure;

namespace Mentia.Client.Output;

/// <summary>
/// Reads the cells.csv that <see cref="ResultsExport.CellsCsv"/> writes (docs/results.md) back into
/// cells, for `mentia analyze`. Columns are found by name (any order, extra columns ignored); empty
/// optional fields (errors, Binder) are null. Anything unusable is a <see cref="UserInputException"/>
/// naming the file, line and column.
/// </summary>
public static class CellsCsvReader
{
    private static readonly string[] Required = ["width", "depth", "p_t", "p_e", "N", "replicas", "passes", "meanLoss", "meanAccuracy"];

    /// <summary>Schema 1 named the replicas column 'runs'; such files still read.</summary>
    private const string OldReplicas = "runs";

    public static IReadOnlyList<CellResult> Read(string path)
    {
        StreamReader text;
        try
        {
            text = new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UserInputException($"{path}: cannot open ({e.Message})");
        }
        using (text)
        {
            return Read(text, path);
        }
    }

    public static IReadOnlyList<CellResult> Read(TextReader text, string source)
    {
        try
        {
            return ReadRows(text, source);
        }
        catch (CsvHelperException e)
        {
            // A short row, an unterminated quote: CsvHelper knows the line; say it in our words.
            var line = e.Context?.Parser?.RawRow;
            var where = line is { } l ? $", line {l}" : "";
            var what = e is CsvHelper.MissingFieldException ? "the row has fewer fields than the header" : "the row is not valid CSV (an unterminated quote?)";
            throw new UserInputException($"{source}{where}: {what}");
        }
    }

    private static IReadOnlyList<CellResult> ReadRows(TextReader text, string source)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, IgnoreBlankLines = true };
        using var csv = new CsvReader(text, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            throw new UserInputException($"{source}: empty file; expected the header of a Mentia cells.csv ({string.Join(",", Required)}, ...)");
        }
        var replicas = header.Contains("replicas", StringComparer.Ordinal) || !header.Contains(OldReplicas, StringComparer.Ordinal) ? "replicas" : OldReplicas;
        foreach (var column in Required.Select(c => c == "replicas" ? replicas : c))
        {
            if (!header.Contains(column, StringComparer.Ordinal))
            {
                throw new UserInputException($"{source}, line 1: no column '{column}' (a Mentia cells.csv has {string.Join(",", Required)}, ...; found: {string.Join(",", header)})");
            }
        }
        var cells = new List<CellResult>();
        var seen = new Dictionary<(int, int, double, double, int), int>();
        while (csv.Read())
        {
            int line = csv.Parser.RawRow;
            var width = Int("width", min: 1);
            var depth = Int("depth", min: 1);
            var pt = Number("p_t", 0, 1);
            var pe = Number("p_e", 0, 1);
            var n = Int("N", min: 1);
            var runs = Int(replicas, min: 0);
            var passes = Int("passes", min: 0);
            var loss = Number("meanLoss", 0, double.MaxValue);
            var acc = Number("meanAccuracy", 0, 1);
            var stats = new CellStatistics(loss, Optional("meanLossErr"), acc, Optional("meanAccuracyErr"), Optional("binder"), Optional("binderErr"), runs, passes, 0);
            if (seen.TryGetValue((width, depth, pt, pe, n), out var first))
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}, line {line}: the cell (width {width}, depth {depth}, p_t {pt}, p_e {pe}, N {n}) already appeared on line {first}; each cell once"));
            }
            seen[(width, depth, pt, pe, n)] = line;
            cells.Add(new CellResult(width, depth, pt, pe, n, stats));

            int Int(string column, int min)
            {
                var f = Field(column);
                if (!int.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min)
                {
                    throw new UserInputException($"{source}, line {line}, column '{column}': '{f}' is not allowed; allowed: a whole number >= {min}");
                }
                return v;
            }

            double Number(string column, double lo, double hi)
            {
                var f = Field(column);
                if (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < lo || v > hi)
                {
                    var range = hi == double.MaxValue ? $"a number >= {lo}" : $"a number in [{lo}, {hi}]";
                    throw new UserInputException($"{source}, line {line}, column '{column}': '{f}' is not allowed; allowed: {range}");
                }
                return v;
            }

            double? Optional(string column)
            {
                if (!header.Contains(column, StringComparer.Ordinal))
                {
                    return null;
                }
                var f = Field(column);
                if (f.Length == 0)
                {
                    return null;
                }
                if (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0)
                {
                    throw new UserInputException($"{source}, line {line}, column '{column}': '{f}' is not allowed; allowed: empty or a finite number >= 0");
                }
                return v;
            }

            string Field(string column) => csv.GetField(column) ?? "";
        }
        if (cells.Count == 0)
        {
            throw new UserInputException($"{source}: no cells after the header");
        }
        return cells;
    }
}
