using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mentia.Analysis.Io;
using Mentia.Analysis.Lines;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Sweeps;
using Mentia.Client.Infrastructure;
using Mentia.Core.Records.Raw;

namespace Mentia.Client.Output;

/// <summary>
/// Writes a sweep's results as data: results.json (everything but the chi2 maps, the input of `mentia report`),
/// the chi2 maps as chi2/*.csv beside it, cells.csv (one row per cell), alpha.csv (one row per p_t and p_e),
/// fss.csv (one row per p_t and ansatz), the spec that produced them, and, where the caller has them, the raw
/// data (passes, runs, curves as Parquet and CSV). Schema: docs/results.md.
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
            var results = ResultsSchemaUpgrade.ToCurrent(node, path).Deserialize<SweepResults>(JsonOutput.Options)
                ?? throw new UserInputException($"{path}: empty results file");
            return WithMaps(results, Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: not a Mentia results file ({e.Message})");
        }
    }

    /// <summary>The folder, beside results.json, that holds the chi2 maps.</summary>
    public const string Chi2Folder = "chi2";

    /// <summary>
    /// Writes every file into <paramref name="folder"/> and returns their paths. <paramref name="raw"/>, when given,
    /// adds passes, runs and curves (.parquet and .csv).
    /// </summary>
    public static IReadOnlyList<string> WriteAll(SweepResults results, string folder, RawData? raw = null)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        var (stripped, maps) = WithoutMaps(results);
        if (maps.Count > 0)
        {
            Directory.CreateDirectory(Path.Combine(folder, Chi2Folder));
        }
        foreach (var (file, map) in maps)
        {
            var path = Path.Combine(folder, file);
            Chi2MapCsv.Write(path, map);
            files.Add(path);
        }
        files.Insert(0, Write(folder, "results.json", Json(stripped)));
        files.Insert(1, Write(folder, "cells.csv", CellsCsv(results)));
        files.Insert(2, Write(folder, "alpha.csv", AlphaCsv(results)));
        files.Insert(3, Write(folder, "fss.csv", FssCsv(results)));
        files.Insert(4, Write(folder, "spec.yaml", results.SpecText));
        if (raw is not null)
        {
            files.AddRange(RawDataFiles.Write(raw, folder));
        }
        return files;
    }

    /// <summary>
    /// The results with every chi2 map replaced by the name of its file (chi2/w64d2-pt0.000-bkt.csv and
    /// ...-bkt-global.csv, relative to results.json), and the maps to write there. The maps were most of the file.
    /// </summary>
    public static (SweepResults Results, IReadOnlyList<(string File, Chi2Map Map)> Maps) WithoutMaps(SweepResults results)
    {
        var maps = new List<(string, Chi2Map)>();
        var lines = results.Lines.Select(line => line with
        {
            Scaling = line.Scaling.Select(f =>
            {
                var stem = $"{Chi2Folder}/{line.Architecture}-pt{Mentia.Core.Sweeps.CellKeys.Rate(line.TrainRate)}-{f.Ansatz.ToString().ToLowerInvariant()}";
                string? mapFile = f.MapFile, globalFile = f.GlobalMapFile;
                if (f.Map is { } map)
                {
                    maps.Add((mapFile = stem + ".csv", map));
                }
                if (f.GlobalMap is { } global)
                {
                    maps.Add((globalFile = stem + "-global.csv", global));
                }
                return f with { Map = null, GlobalMap = null, MapFile = mapFile, GlobalMapFile = globalFile };
            }).ToList(),
        }).ToList();
        return (results with { Lines = lines }, maps);
    }

    /// <summary>
    /// The maps a schema-3 results.json names read back from <paramref name="folder"/> (the file's own), so the results
    /// are those the analysis made. A map file that is missing leaves its map null and its name in place, so the report
    /// draws everything else; one that is not a map is an error.
    /// </summary>
    public static SweepResults WithMaps(SweepResults results, string folder)
    {
        if (!results.Lines.Any(l => l.Scaling.Any(f => f.MapFile is not null || f.GlobalMapFile is not null)))
        {
            return results;
        }
        Chi2Map? Load(Chi2Map? embedded, string? file)
        {
            if (embedded is not null || file is null)
            {
                return embedded;
            }
            // Names come from the file: refuse anything that would read outside its folder.
            var path = Path.GetFullPath(Path.Combine(folder, file));
            if (!path.StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new UserInputException($"{file}: a chi2 map file must lie in the results folder {folder}");
            }
            try
            {
                return File.Exists(path) ? Chi2MapCsv.Read(path) : null;
            }
            catch (AnalysisInputException e)
            {
                throw new UserInputException(e.Message);
            }
        }
        return results with
        {
            Lines = results.Lines.Select(line => line with
            {
                Scaling = line.Scaling.Select(f =>
                {
                    var (map, global) = (Load(f.Map, f.MapFile), Load(f.GlobalMap, f.GlobalMapFile));
                    // A map read back is held in memory as the analysis made it: its file name goes (and comes back on writing).
                    return f with { Map = map, GlobalMap = global, MapFile = map is null ? f.MapFile : null, GlobalMapFile = global is null ? f.GlobalMapFile : null };
                }).ToList(),
            }).ToList(),
        };
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
