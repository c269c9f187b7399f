using System.Globalization;
using Mentia.Analysis.Scaling;

namespace Mentia.Analysis.Io;

/// <summary>Writes a chi2 map in long form: header "pc,&lt;exponent&gt;,chi2" (exponent kappa or nu), one node a line, p_c outer.</summary>
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
}
