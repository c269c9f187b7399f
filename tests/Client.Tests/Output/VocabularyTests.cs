using System.Text.Json;
using System.Text.Json.Nodes;
using Mentia.Client.Output;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests.Output;

/// <summary>
/// One vocabulary across every output (docs/results.md, "Vocabulary"): p_t, p_e, N, replicas in results.json,
/// cells.csv and `--json`; phases per p_e as objects; `schemaVersion`. Schema-1 files (trainRate, evalRate,
/// size, runs) and schema-2 files (maps embedded) still read, to the same numbers and maps; schema 3 keeps the chi2
/// maps in chi2/*.csv beside results.json and reads them back from there.
/// </summary>
public class VocabularyTests
{
    private static readonly string[] OldNames = ["trainRate", "evalRate", "evalRateErr", "evalRateBelow", "evalRateAbove", "size", "runs", "trainRates", "evalRates", "schema"];

    private static string QuickCells => Path.Combine(RepoPaths.Root, "tests", "Client.Tests", "Fixtures", "quick-mnist", "cells.csv");

    private static IEnumerable<string> Keys(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Keys(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Keys),
        _ => [],
    };

    [Fact]
    public void Every_export_speaks_the_one_vocabulary()
    {
        var folder = RepoPaths.NewTempFolder("vocabulary");
        var r = CliRunner.Run("analyze", QuickCells, "--out", folder, "--json");
        Assert.Equal(0, r.Code);

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!.AsObject();
        Assert.Equal(3, results["schemaVersion"]!.GetValue<int>());
        var keys = Keys(results).ToHashSet(StringComparer.Ordinal);
        Assert.Equal([], OldNames.Where(keys.Contains).ToArray());
        var cell = results["cells"]![0]!.AsObject();
        Assert.Equal(["width", "depth", "p_t", "p_e", "N", "statistics"], cell.Select(p => p.Key));
        Assert.NotNull(cell["statistics"]!["replicas"]);
        var line = results["lines"]![0]!;
        Assert.NotNull(line["p_t"]);
        Assert.NotNull(line["alphas"]![0]!["p_e"]);
        Assert.NotNull(line["alphas"]![0]!["points"]![0]!["N"]);

        Assert.StartsWith("width,depth,p_t,p_e,N,replicas,passes,", File.ReadLines(Path.Combine(folder, "cells.csv")).First());
        Assert.StartsWith("width,depth,p_t,p_e,alpha,alphaErr,sizes,phase,", File.ReadLines(Path.Combine(folder, "alpha.csv")).First());

        // The boundary rows of `--json`: p_t, and the phase of every p_e as an object, in p_e order.
        using var doc = JsonDocument.Parse(r.Out);
        var row = doc.RootElement.GetProperty("lines").EnumerateArray().First();
        Assert.Equal(0.0, row.GetProperty("p_t").GetDouble());
        var phases = row.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(10, phases.Count);
        Assert.Equal([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], phases.Select(p => Math.Round(p.GetProperty("p_e").GetDouble(), 9)));
        Assert.Equal("eumentia", phases[0].GetProperty("phase").GetString());
        Assert.Equal("dementia", phases[^1].GetProperty("phase").GetString());
    }

    [Fact]
    public void A_schema_1_results_file_reads_to_the_same_results()
    {
        var folder = RepoPaths.NewTempFolder("vocabulary-old");
        Assert.Equal(0, CliRunner.Run("analyze", QuickCells, "--out", folder).Code);
        var current = File.ReadAllText(Path.Combine(folder, "results.json"));

        // Write the same results as schema 1 did: the old names, "schema": 1.
        var old = JsonNode.Parse(current)!.AsObject();
        Rename(old);
        old.Remove("schemaVersion");
        old["schema"] = 1;
        var oldPath = Path.Combine(folder, "old.json");
        File.WriteAllText(oldPath, old.ToJsonString());
        Assert.Contains("\"trainRate\"", File.ReadAllText(oldPath));

        var read = ResultsExport.ReadJson(oldPath);
        Assert.Equal(current, ResultsExport.Json(ResultsExport.WithoutMaps(read).Results));
    }

    [Fact]
    public void Schema_3_keeps_the_chi2_maps_in_files_beside_results_json_and_reads_them_back()
    {
        var folder = RepoPaths.NewTempFolder("vocabulary-maps");
        Assert.Equal(0, CliRunner.Run("analyze", QuickCells, "--out", folder).Code);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!;
        var fits = json["lines"]!.AsArray().SelectMany(l => l!["scaling"]!.AsArray()).ToList();
        Assert.All(fits, f => Assert.Null(f!["map"]));
        Assert.All(fits, f => Assert.Null(f!["globalMap"]));
        var files = fits.SelectMany(f => new[] { f!["mapFile"], f["globalMapFile"] }).Where(n => n is not null).Select(n => n!.GetValue<string>()).ToList();
        Assert.NotEmpty(files); // quick's p_t = 0 has a transition: two ansatz, two maps each
        Assert.All(files, f => Assert.StartsWith("chi2/", f));
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(folder, f)), $"{f} is named in results.json but not written"));

        var read = ResultsExport.ReadJson(Path.Combine(folder, "results.json"));
        var withMaps = read.Lines.SelectMany(l => l.Scaling).Where(f => f.Map is not null).ToList();
        Assert.Equal(files.Count / 2, withMaps.Count);
        Assert.All(withMaps, f => Assert.True(f.Map is { Pc.Count: > 1, Exponent.Count: > 1 } && f.GlobalMap is { Pc.Count: > 1 }));
        // Read back, the results are those the analysis made: written again, the same results.json.
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "results.json")), ResultsExport.Json(ResultsExport.WithoutMaps(read).Results));
    }

    [Fact]
    public void A_schema_2_results_file_with_embedded_maps_reads_to_the_same_results_and_maps()
    {
        var folder = RepoPaths.NewTempFolder("vocabulary-v2");
        Assert.Equal(0, CliRunner.Run("analyze", QuickCells, "--out", folder).Code);
        var current = ResultsExport.ReadJson(Path.Combine(folder, "results.json"));
        // As schema 2 wrote it: the maps inside, no file names, "schemaVersion": 2; in a folder without chi2/.
        var embedded = current with
        {
            Lines = current.Lines.Select(l => l with { Scaling = l.Scaling.Select(f => f with { MapFile = null, GlobalMapFile = null }).ToList() }).ToList(),
        };
        var old = JsonNode.Parse(ResultsExport.Json(embedded))!.AsObject();
        old["schemaVersion"] = 2;
        old.Remove("provenance");
        var oldPath = Path.Combine(RepoPaths.NewTempFolder("vocabulary-v2-alone"), "results.json");
        File.WriteAllText(oldPath, old.ToJsonString());

        var read = ResultsExport.ReadJson(oldPath);
        Assert.Equal(ResultsExport.Json(embedded), ResultsExport.Json(read));
        Assert.Contains(read.Lines.SelectMany(l => l.Scaling), f => f.Map is not null && f.GlobalMap is not null);
    }

    [Fact]
    public void A_results_file_of_a_newer_schema_is_refused_naming_both_versions()
    {
        var path = Path.Combine(RepoPaths.NewTempFolder("vocabulary-new"), "results.json");
        File.WriteAllText(path, """{"schemaVersion": 99}""");
        var e = Assert.Throws<Mentia.Client.Infrastructure.UserInputException>(() => ResultsExport.ReadJson(path));
        Assert.Contains("schema 99", e.Message);
        Assert.Contains("(3)", e.Message);
    }

    /// <summary>The inverse of the upgrade, as a schema-1 writer named things.</summary>
    private static void Rename(JsonNode? node)
    {
        var old = new Dictionary<string, string>
        {
            ["p_eErr"] = "evalRateErr", ["p_eBelow"] = "evalRateBelow", ["p_eAbove"] = "evalRateAbove",
        };
        switch (node)
        {
            case JsonObject o:
                var isGrid = o.ContainsKey("phases") && o.ContainsKey("p_t") && o["p_t"] is JsonArray;
                var isPoint = o.ContainsKey("y") && o.ContainsKey("dy");
                var isCell = o.ContainsKey("statistics");
                foreach (var (key, value) in o.ToList())
                {
                    Rename(value);
                    var name = key switch
                    {
                        "p_t" => isGrid ? "trainRates" : "trainRate",
                        "p_e" => isGrid ? "evalRates" : isPoint ? "p" : "evalRate",
                        "N" => isCell ? "size" : "n",
                        "replicas" when o.ContainsKey("passes") => "runs",
                        _ => old.GetValueOrDefault(key, key),
                    };
                    if (name != key)
                    {
                        o.Remove(key);
                        o[name] = value;
                    }
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Rename(item);
                }
                break;
        }
    }
}
