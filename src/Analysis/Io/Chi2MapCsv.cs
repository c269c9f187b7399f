using System.Globalization;
using Mentia.Analysis.Scaling;

namespace Mentia.Analysis.Io;

/// <summary>
/// A chi2 map in long form: header "pc,&lt;exponent&gt;,chi2" (exponent kappa or nu), one node a line, p_c outer,
/// numbers round-trip ("R"), so a map read back is the map written, bit for bit.
/// </summary>
public static class Chi2MapCsv
{
    public static void Write(TextWriter writer, Chi2Map map)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(map);
        writer.WriteLine($"pc,{map.ExponentName},chi2");
        for (int i = 0; i < map.Pc.Count; i++)
        {
            for (int j = 0; j < map.Exponent.Count; j++)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{map.Pc[i]:R},{map.Exponent[j]:R},{map.Chi2[i][j]:R}"));
            }
        }
    }

    public static void Write(string path, Chi2Map map)
    {
        using var writer = new StreamWriter(path);
        Write(writer, map);
    }

    /// <summary>Reads a map written by <see cref="Write(TextWriter, Chi2Map)"/>: the axes are the distinct p_c and exponent values in file order.</summary>
    /// <exception cref="AnalysisInputException">The file is not a chi2 map in this form (header, column count, a full grid).</exception>
    public static Chi2Map Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines.Length > 0 ? lines[0].Split(',') : [];
        if (header.Length != 3 || header[0] != "pc" || header[2] != "chi2")
        {
            throw new AnalysisInputException(path, 1, null, "not a chi2 map (expected the header pc,<exponent>,chi2)");
        }
        var pc = new List<double>();
        var exponent = new List<double>();
        var values = new List<double>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }
            var f = lines[i].Split(',');
            if (f.Length != 3)
            {
                throw new AnalysisInputException(path, i + 1, null, $"{f.Length} fields, not 3");
            }
            double p = Parse(f[0], path, i), e = Parse(f[1], path, i);
            if (pc.Count == 0 || pc[^1] != p)
            {
                pc.Add(p);
            }
            if (pc.Count == 1)
            {
                exponent.Add(e);
            }
            values.Add(Parse(f[2], path, i));
        }
        if (pc.Count == 0 || values.Count != pc.Count * exponent.Count)
        {
            throw new AnalysisInputException(path, null, null, $"{values.Count} nodes do not fill a {pc.Count} x {exponent.Count} grid");
        }
        var chi2 = Enumerable.Range(0, pc.Count).Select(i => (IReadOnlyList<double>)values.GetRange(i * exponent.Count, exponent.Count).ToArray()).ToArray();
        return new Chi2Map(header[1], pc, exponent, chi2);
    }

    private static double Parse(string s, string path, int line) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new AnalysisInputException(path, line + 1, null, $"'{s}' is not a number");
}
