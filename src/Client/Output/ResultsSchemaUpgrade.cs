using System.Text.Json.Nodes;
using Mentia.Analysis.Sweeps;
using Mentia.Client.Infrastructure;

namespace Mentia.Client.Output;

/// <summary>
/// Reads results.json files of every schema Mentia has written: schema 1 (key <c>schema</c>) spelled the grid's
/// quantities trainRate, evalRate, size, n and runs; schema 2 (key <c>schemaVersion</c>) uses the one vocabulary
/// p_t, p_e, N and replicas (docs/results.md); schema 3 adds provenance and may keep the chi2 maps in files beside
/// results.json (<see cref="ResultsExport.WithMaps"/> reads them), which schema 2's embedded maps need not: a schema-2
/// document is already a valid schema-3 one. A file of a newer schema than this Mentia knows is refused, naming both.
/// </summary>
public static class ResultsSchemaUpgrade
{
    /// <summary>Schema 1's names and their schema-2 names; each name meant one quantity wherever it appeared.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["trainRate"] = "p_t",
        ["trainRates"] = "p_t",
        ["evalRate"] = "p_e",
        ["evalRates"] = "p_e",
        ["evalRateErr"] = "p_eErr",
        ["evalRateBelow"] = "p_eBelow",
        ["evalRateAbove"] = "p_eAbove",
        ["size"] = "N",
        ["n"] = "N",
        ["p"] = "p_e",
        ["runs"] = "replicas",
    };

    /// <summary>The document in the current schema (renamed in place); <paramref name="path"/> names the file in errors.</summary>
    /// <exception cref="UserInputException">The file is not an object, or its schema is newer than this Mentia's.</exception>
    public static JsonNode ToCurrent(JsonNode document, string path)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document is not JsonObject root)
        {
            throw new UserInputException($"{path}: not a Mentia results file (the top level is not a JSON object)");
        }
        var version = root["schemaVersion"]?.GetValue<int>() ?? root["schema"]?.GetValue<int>() ?? 1;
        if (version > SweepResults.CurrentSchema)
        {
            throw new UserInputException($"{path}: results schema {version} is newer than this Mentia reads ({SweepResults.CurrentSchema}); use a newer mentia");
        }
        if (version < 2)
        {
            RenameKeys(root);
            root.Remove("schema");
        }
        if (version < SweepResults.CurrentSchema)
        {
            // Schema 2 to 3 only added fields (provenance, mapFile, globalMapFile): absent, they read as null.
            root["schemaVersion"] = SweepResults.CurrentSchema;
        }
        return root;
    }

    private static void RenameKeys(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    RenameKeys(value);
                    if (Renamed.TryGetValue(key, out var current) && !o.ContainsKey(current))
                    {
                        o.Remove(key);
                        o[current] = value;
                    }
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    RenameKeys(item);
                }
                break;
        }
    }
}
