using System.Text.Json;
using System.Text.Json.Nodes;
using Mentia.Analysis.Exponents;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;

namespace Mentia.Client.Output;

/// <summary>
/// The CLI's JSON outputs with the keys the commands promise. Values that do not exist are
/// null, never NaN. Maps are left out (they go to --map as CSV).
/// </summary>
internal static class CliJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Keys: ansatz, fitted, reason, pc, pcErr, pcLow, pcHigh, kappa|nu, kappaErr|nuErr, kappaLow|nuLow, kappaHigh|nuHigh, chi2, poorChi2Threshold, flags, points, sizes, contourLevel, chi2Level, contourOpen, pcAtRangeEdge, exponentAtRangeEdge, n0, window.</summary>
    public static JsonObject Fss(FssResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var o = new JsonObject
        {
            ["ansatz"] = r.Ansatz == Core.Specs.FssAnsatz.Bkt ? "bkt" : "algebraic",
            ["fitted"] = r.Fitted,
            ["reason"] = r.Reason,
            ["pc"] = r.Pc,
            ["pcErr"] = r.PcErr,
            ["pcLow"] = r.PcLow,
            ["pcHigh"] = r.PcHigh,
            [r.ExponentName] = r.Exponent,
            [r.ExponentName + "Err"] = r.ExponentErr,
            [r.ExponentName + "Low"] = r.ExponentLow,
            [r.ExponentName + "High"] = r.ExponentHigh,
            ["chi2"] = r.Chi2,
            ["poorChi2Threshold"] = r.PoorChi2Threshold,
            ["flags"] = new JsonArray(r.Flags.Select(f => (JsonNode?)f).ToArray()),
            ["points"] = r.Points,
            ["sizes"] = r.Sizes,
            ["contourLevel"] = r.ContourLevel,
            ["chi2Level"] = r.Chi2Level,
            ["contourOpen"] = r.ContourOpen,
            ["pcAtRangeEdge"] = r.PcAtRangeEdge,
            ["exponentAtRangeEdge"] = r.ExponentAtRangeEdge,
            ["n0"] = r.N0,
            ["window"] = r.WindowLow is null && r.WindowHigh is null ? null : new JsonArray(r.WindowLow, r.WindowHigh),
        };
        return o;
    }

    /// <summary>Keys: fitted, reason, alpha, alphaErr, alphaErrScaled, chi2, dof, reducedChi2, pValue, sizes, points, phase, phaseReason.</summary>
    public static JsonObject Alpha(AlphaFitResult fit, PhaseClassification verdict)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(verdict);
        return new JsonObject
        {
            ["fitted"] = fit.Fitted,
            ["reason"] = fit.Reason,
            ["alpha"] = fit.Alpha,
            ["alphaErr"] = fit.AlphaErr,
            ["alphaErrScaled"] = fit.AlphaErrScaled,
            ["chi2"] = fit.Chi2,
            ["dof"] = fit.Dof,
            ["reducedChi2"] = fit.ReducedChi2,
            ["pValue"] = fit.PValue,
            ["sizes"] = fit.Sizes,
            ["points"] = fit.Points,
            ["phase"] = verdict.Phase.ToString().ToLowerInvariant(),
            ["phaseReason"] = verdict.Reason,
        };
    }

    public static string Write(JsonObject o) => o.ToJsonString(Indented);
}
