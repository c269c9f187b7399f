using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mentia.Analysis.Sweeps;
using Mentia.Client.Infrastructure;

namespace Mentia.Client.Output;

/// <summary>
/// Writes a sweep's results as data: results.json (everything, the input of `mentia report`), cells.csv
/// (one row per cell), alpha.csv (one row per p_t and p_e), fss.csv (one row per p_t and ansatz) and the
/// spec that produced them. Schema: docs/results.md.
/// </summary>
public static class ResultsExport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Json(SweepResults results) => JsonSerializer.Serialize(results, JsonOutput.Options);

    public static SweepResults ReadJson(string path)
    {
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path)) ?? throw new UserInputException($"{path}: empty results file");
            return ResultsSchemaUpgrade.ToCurrent(node, path).Deserialize<SweepResults>(JsonOutput.Options)
                ?? throw new UserInputException($"{path}: empty results file");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: not a Mentia results file ({e.Message})");
        }
    }

    public static IReadOnlyList<string> WriteAll(SweepResults results, string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>
        {
            Write(folder, "results.json", Json(results)),
            Write(folder, "cells.csv", CellsCsv(results)),
            Write(folder, "alpha.csv", AlphaCsv(results)),
            Write(folder, "fss.csv", FssCsv(results)),
            Write(folder, "spec.yaml", results.SpecText),
        };
        return files;
    }

    public static string CellsCsv(SweepResults results)
    {
        var sb = new StringBuilder("width,depth,p_t,p_e,N,replicas,passes,meanLoss,meanLossErr,meanAccuracy,meanAccuracyErr,binder,binderErr\n");
        foreach (var c in results.Cells)
        {
            var s = c.Statistics;
            sb.AppendLine(string.Join(',', c.Width, c.Depth, F(c.TrainRate), F(c.EvalRate), c.Size, s.Runs, s.Passes,
                F(s.MeanLoss), F(s.MeanLossErr), F(s.MeanAccuracy), F(s.MeanAccuracyErr), F(s.Binder), F(s.BinderErr)));
        }
        return sb.ToString();
    }

    public static string AlphaCsv(SweepResults results)
    {
        var sb = new StringBuilder("width,depth,p_t,p_e,alpha,alphaErr,sizes,phase,reason\n");
        foreach (var line in results.Lines)
        foreach (var a in line.Alphas)
        {
            sb.AppendLine(string.Join(',', line.Architecture.Width, line.Architecture.Depth, F(line.TrainRate), F(a.EvalRate),
                F(a.Fit.Alpha), F(a.Fit.AlphaErr), a.Fit.Sizes, a.Classification.Phase.ToString().ToLowerInvariant(), Quote(a.Classification.Reason)));
        }
        return sb.ToString();
    }

    /// <summary>
    /// One row per p_t and ansatz. Where the line has no transition, every estimate is empty and reason
    /// says why; flags are separated by ';'. pcLow/pcHigh and exponentLow/exponentHigh are the chi2
    /// contour's extent (asymmetric); pcErr/exponentErr half of it.
    /// </summary>
    public static string FssCsv(SweepResults results)
    {
        var sb = new StringBuilder("width,depth,p_t,transition,ansatz,fitted,pc,pcLow,pcHigh,pcErr,exponentName,exponent,exponentLow,exponentHigh,exponentErr,chi2,poorChi2Threshold,points,sizes,minSize,windowSource,windowLow,windowHigh,contourLevel,flags,driftPc,driftPcErr,driftReason,crossing,crossingErr,reason\n");
        foreach (var line in results.Lines)
        foreach (var f in line.Scaling)
        {
            // As results.json writes the enum (JsonOutput's camelCase converter).
            var transition = line.Transition is { } t ? JsonNamingPolicy.CamelCase.ConvertName(t.Outcome.ToString()) : "";
            sb.AppendLine(string.Join(',', line.Architecture.Width, line.Architecture.Depth, F(line.TrainRate), transition, f.Ansatz.ToString().ToLowerInvariant(),
                f.Fitted ? "true" : "false", F(f.Pc), F(f.PcLow), F(f.PcHigh), F(f.PcErr), f.ExponentName, F(f.Exponent), F(f.ExponentLow), F(f.ExponentHigh), F(f.ExponentErr),
                F(f.Chi2), F(f.PoorChi2Threshold), f.Points, f.Sizes, F(f.MinSize), f.WindowSource, F(f.WindowLow), F(f.WindowHigh), f.ContourLevel,
                Quote(string.Join(';', f.Flags)), F(f.Drift?.PcInfinity), F(f.Drift?.PcInfinityErr), Quote(f.Drift?.Reason ?? ""),
                F(line.Crossing.EvalRate), F(line.Crossing.EvalRateErr), Quote(f.Reason ?? "")));
        }
        return sb.ToString();
    }

    private static string Write(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string F(double? x) => x is { } v && double.IsFinite(v) ? v.ToString("R", Inv) : "";

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
