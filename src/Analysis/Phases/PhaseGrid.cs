using System.Text.Json.Serialization;

namespace Mentia.Analysis.Phases;

/// <summary>A point of the (p_t, p_e) plane.</summary>
public readonly record struct PlanePoint([property: JsonPropertyName("p_t")] double TrainRate, [property: JsonPropertyName("p_e")] double EvalRate);

/// <summary>
/// Phases on the rectangular (p_t, p_e) grid: Phases[i][j] at (TrainRates[i], EvalRates[j]),
/// null where the cell has no result yet. Rates ascending.
/// </summary>
public sealed record PhaseGrid([property: JsonPropertyName("p_t")] IReadOnlyList<double> TrainRates, [property: JsonPropertyName("p_e")] IReadOnlyList<double> EvalRates, IReadOnlyList<IReadOnlyList<Phase?>> Phases)
{
    public static PhaseGrid From(IEnumerable<(double TrainRate, double EvalRate, Phase Phase)> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var list = cells.ToList();
        var pts = list.Select(c => c.TrainRate).Distinct().Order().ToArray();
        var pes = list.Select(c => c.EvalRate).Distinct().Order().ToArray();
        var rows = pts.Select(_ => new Phase?[pes.Length]).ToArray();
        foreach (var c in list)
        {
            rows[Array.BinarySearch(pts, c.TrainRate)][Array.BinarySearch(pes, c.EvalRate)] = c.Phase;
        }
        return new PhaseGrid(pts, pes, rows);
    }
}

/// <summary>A boundary between two phases (First before Second in enum order), as a polyline in the (p_t, p_e) plane.</summary>
public sealed record BoundaryPolyline(Phase First, Phase Second, IReadOnlyList<PlanePoint> Points);
