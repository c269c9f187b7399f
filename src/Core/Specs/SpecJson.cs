using System.Text.Json.Nodes;

namespace Mentia.Core.Specs;

/// <summary>
/// A validated spec written back in the spec's own keys (model.widths, dropout.p_t, analysis.fss.ansatz,
/// ...), so what `mentia spec validate --json` prints is itself a spec that validates to the same sweep.
/// Ranges come out as the lists they expanded to, and every default is spelled out.
/// </summary>
public static class SpecJson
{
    /// <summary>The spec as a JSON object that <see cref="SpecReader.Parse"/> reads back to an equal spec.</summary>
    public static JsonObject Write(SweepSpec spec)
    {
        var t = spec.Training;
        var a = spec.Analysis;
        var fss = new JsonObject
        {
            ["ansatz"] = Array(a.Fss.Ansatzes.Select(x => x == FssAnsatz.Bkt ? "bkt" : "algebraic")),
            ["n0"] = a.Fss.N0,
            ["contour"] = a.Fss.Contour.ToString(),
        };
        // The reader takes a window only as a pair [low, high]; a spec without one leaves the key out.
        if (a.Fss.WindowLow is { } low && a.Fss.WindowHigh is { } high)
        {
            fss["window"] = new JsonArray(low, high);
        }
        var json = new JsonObject
        {
            ["name"] = spec.Name,
            ["seed"] = spec.Seed,
            ["model"] = new JsonObject { ["widths"] = Array(spec.Widths), ["depths"] = Array(spec.Depths) },
            ["dropout"] = new JsonObject { ["p_t"] = Array(spec.TrainRates), ["p_e"] = Array(spec.EvalRates) },
            ["N"] = Array(spec.Sizes),
            ["replicas"] = spec.Replicas,
            ["passes"] = spec.Passes,
            ["training"] = new JsonObject
            {
                ["learningRate"] = t.LearningRate,
                ["batchSize"] = t.BatchSize,
                ["maxEpochs"] = t.MaxEpochs,
                ["earlyStopPatience"] = t.EarlyStopPatience,
                ["plateauPatience"] = t.PlateauPatience,
                ["plateauFactor"] = t.PlateauFactor,
                ["validationSize"] = t.ValidationSize,
                ["validationDropout"] = t.ValidationDropout == ValidationDropout.Train ? "train" : "off",
            },
            ["analysis"] = new JsonObject
            {
                ["bootstrapResamples"] = a.BootstrapResamples,
                ["thresholdSigma"] = a.ThresholdSigma,
                ["chanceTolerance"] = a.ChanceTolerance,
                ["fss"] = fss,
            },
        };
        if (spec.Budget is { } b)
        {
            json["budget"] = new JsonObject { ["hours"] = b.Hours, ["devices"] = b.Devices, ["gflops"] = b.Gflops };
        }
        return json;
    }

    private static JsonArray Array<T>(IEnumerable<T> values) => new(values.Select(v => JsonValue.Create(v)).ToArray<JsonNode?>());
}
