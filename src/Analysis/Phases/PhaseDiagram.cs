using System.Text.Json.Serialization;
using Mentia.Analysis.Lines;
using Mentia.Core.Sweeps;

namespace Mentia.Analysis.Phases;

/// <summary>One classified point of the phase diagram.</summary>
public sealed record PhaseCell([property: JsonPropertyName("p_t")] double TrainRate, [property: JsonPropertyName("p_e")] double EvalRate, Phase Phase, double? Alpha, double? AlphaErr, string Reason);

/// <summary>A point of the eumentia-dementia boundary from the crossing of the &lt;L&gt;(p_e) curves at one p_t.</summary>
public sealed record CrossingPoint(
    [property: JsonPropertyName("p_t")] double TrainRate,
    [property: JsonPropertyName("p_e")] double EvalRate,
    [property: JsonPropertyName("p_eErr")] double? EvalRateErr);

/// <summary>The phase diagram of one architecture over (p_t, p_e).</summary>
public sealed record PhaseDiagramResult(
    Architecture Architecture,
    IReadOnlyList<PhaseCell> Cells,
    PhaseGrid Grid,
    IReadOnlyList<BoundaryPolyline> Boundaries,
    IReadOnlyList<CrossingPoint> CrossingBoundary);

/// <summary>The sweep-level view: the classification grid, its boundaries and the crossing line, from the lines analysed so far.</summary>
public static class PhaseDiagram
{
    public static PhaseDiagramResult Build(Architecture architecture, IEnumerable<LineResult> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var list = lines.Where(l => l.Architecture == architecture).OrderBy(l => l.TrainRate).ToList();
        var cells = list.SelectMany(l => l.Alphas.Select(a => new PhaseCell(l.TrainRate, a.EvalRate, a.Classification.Phase, a.Fit.Alpha, a.Fit.AlphaErr, a.Classification.Reason))).ToList();
        var crossing = list.Where(l => l.Crossing.Found)
            .Select(l => new CrossingPoint(l.TrainRate, l.Crossing.EvalRate!.Value, l.Crossing.EvalRateErr))
            .ToList();
        return Build(architecture, cells, crossing);
    }

    public static PhaseDiagramResult Build(Architecture architecture, IReadOnlyList<PhaseCell> cells, IReadOnlyList<CrossingPoint> crossing)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(crossing);
        var grid = PhaseGrid.From(cells.Select(c => (c.TrainRate, c.EvalRate, c.Phase)));
        var boundaries = cells.Count == 0 ? [] : PhaseBoundaries.Extract(grid);
        return new PhaseDiagramResult(architecture, cells, grid, boundaries, crossing.OrderBy(c => c.TrainRate).ToArray());
    }
}
