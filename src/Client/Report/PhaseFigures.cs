using Mentia.Analysis.Phases;
using Mentia.Analysis.Sweeps;
using ScottPlot;

namespace Mentia.Client.Report;

/// <summary>The phase diagram over (p_t, p_e): alpha on a diverging scale centred at 0 with phase labels and boundaries; the mean-accuracy map.</summary>
internal static class PhaseFigures
{
    public static IEnumerable<ReportFigure> Write(SweepResults results, PhaseDiagramResult diagram, string outDir, ReportOptions o)
    {
        var arch = ReportData.ArchKey(diagram.Architecture);
        // No map of alpha without a single alpha (one replica, two sizes): the page says why instead (ReportGaps).
        if (diagram.Grid.TrainRates.Count > 0 && diagram.Grid.EvalRates.Count > 0 && diagram.Cells.Any(c => c.Alpha is { } a && double.IsFinite(a)))
        {
            yield return Alpha(diagram, outDir, o, arch);
        }
        if (Accuracy(results, diagram, outDir, o, arch) is { } acc)
        {
            yield return acc;
        }
    }

    private static ReportFigure Alpha(PhaseDiagramResult d, string outDir, ReportOptions o, string arch)
    {
        var (plot, title) = AlphaPlot(d);
        var caption = "Colour: the fitted exponent α at each (pₜ, pₑ) cell, on a diverging scale centred at α = 0 " +
                      "(blue α < 0: eumentia; red α > 0: dementia; white α ≈ 0: amentia or undecided). " +
                      "Labels name the classified phase of each region; '?' marks undecided cells, hatched grey cells have no alpha. " +
                      "Lines: the boundaries where the classification changes (a staircase on the grid); " +
                      "diamonds with error bars: the crossing of the ⟨L⟩(pₑ) curves of different N at each pₜ.";
        return FigureFiles.Save(plot, outDir, $"{arch}-phase-alpha", "phase", title, caption, o.MapWidth, o.MapHeight, arch);
    }

    /// <summary>The alpha map, x = p_t, y = p_e; internal so tests can find the pixel of a data point.</summary>
    internal static (Plot Plot, string Title) AlphaPlot(PhaseDiagramResult d)
    {
        var pts = d.Grid.TrainRates;
        var pes = d.Grid.EvalRates;
        var alpha = new double?[pts.Count, pes.Count];
        foreach (var c in d.Cells)
        {
            alpha[IndexOf(pts, c.TrainRate), IndexOf(pes, c.EvalRate)] = c.Alpha;
        }
        var extent = d.Cells.Where(c => c.Alpha is { } a && double.IsFinite(a)).Select(c => Math.Abs(c.Alpha!.Value)).DefaultIfEmpty(0).Max();
        extent = extent > 0 ? extent : 1;
        var scale = new FigureKit.ColorScale(new ScottPlot.Colormaps.Balance(), -extent, extent);

        var title = $"Phase diagram, {ReportData.ArchText(d.Architecture)}: exponent α of ⟨L⟩ ∝ Nᵅ";
        var plot = FigureKit.NewPlot(title, FigureKit.TrainRateLabel, FigureKit.EvalRateLabel);
        FigureKit.CellMap(plot, pts, pes, (i, j) => alpha[i, j], scale);
        ColorBars.Add(plot, scale, "α   (blue: more data helps, red: it hurts)");
        DrawBoundaries(plot, d, Colors.Black, withLegend: true);
        DrawPhaseLabels(plot, d);
        DrawCrossings(plot, d);
        plot.Axes.Bottom.TickGenerator = RateTicks.At(pts);
        plot.Axes.Left.TickGenerator = RateTicks.At(pes);
        plot.ShowLegend(Edge.Bottom);
        return (plot, title);
    }

    private static ReportFigure? Accuracy(SweepResults r, PhaseDiagramResult d, string outDir, ReportOptions o, string arch)
    {
        var cells = r.Cells.Where(c => c.Width == d.Architecture.Width && c.Depth == d.Architecture.Depth && c.Statistics.Runs > 0).ToArray();
        if (cells.Length == 0)
        {
            return null;
        }
        var n = cells.Max(c => c.Size);
        var atN = cells.Where(c => c.Size == n).ToArray();
        var pts = atN.Select(c => c.TrainRate).Distinct().Order().ToArray();
        var pes = atN.Select(c => c.EvalRate).Distinct().Order().ToArray();
        var acc = new double?[pts.Length, pes.Length];
        foreach (var c in atN)
        {
            acc[Array.IndexOf(pts, c.TrainRate), Array.IndexOf(pes, c.EvalRate)] = c.Statistics.MeanAccuracy;
        }
        var scale = new FigureKit.ColorScale(new ScottPlot.Colormaps.Viridis(), 0, 1);
        var title = $"Mean test accuracy ⟨A⟩ at N = {n}, {ReportData.ArchText(d.Architecture)}";
        var plot = FigureKit.NewPlot(title, FigureKit.TrainRateLabel, FigureKit.EvalRateLabel);
        FigureKit.CellMap(plot, pts, pes, (i, j) => acc[i, j], scale);
        ColorBars.Add(plot, scale, "⟨A⟩ (chance: 0.1)", tickStep: 0.1);
        DrawBoundaries(plot, d, Colors.White, withLegend: false);
        plot.Axes.Bottom.TickGenerator = RateTicks.At(pts);
        plot.Axes.Left.TickGenerator = RateTicks.At(pes);
        var caption = $"Colour: the mean test accuracy over all runs and evaluation passes at the largest training-set size N = {n}; " +
                      (d.Boundaries.Count > 0 ? "white lines: the phase boundaries of the alpha map."
                          : d.Cells.Any(c => c.Alpha is not null) ? "no phase boundaries: no two neighbouring cells of the alpha map have different phases."
                          : "no phase boundaries: no cell has an alpha (see 'Not in this report').");
        return FigureFiles.Save(plot, outDir, $"{arch}-phase-accuracy", "phase", title, caption, o.MapWidth, o.MapHeight, arch);
    }

    private static int IndexOf(IReadOnlyList<double> values, double v)
    {
        for (int k = 0; k < values.Count; k++)
        {
            if (values[k] == v)
            {
                return k;
            }
        }
        throw new InvalidOperationException($"rate {v} not on the grid");
    }

    /// <summary>
    /// The boundary polylines. Their outer ends lie on the outermost rates; the map's cells reach half a spacing
    /// beyond, so ends on the outermost rates are moved to the map's edge.
    /// </summary>
    private static void DrawBoundaries(Plot plot, PhaseDiagramResult d, Color color, bool withLegend)
    {
        if (d.Boundaries.Count == 0 || d.Grid.TrainRates.Count == 0 || d.Grid.EvalRates.Count == 0)
        {
            return; // an empty grid (no cell has an alpha) has no edges to draw to
        }
        var ex = FigureKit.CellEdges(d.Grid.TrainRates);
        var ey = FigureKit.CellEdges(d.Grid.EvalRates);
        var pts = d.Grid.TrainRates;
        var pes = d.Grid.EvalRates;
        var legendDone = new HashSet<(Phase, Phase)>();
        foreach (var b in d.Boundaries)
        {
            var xs = b.Points.Select(p => p.TrainRate == pts[0] ? ex[0] : p.TrainRate == pts[^1] ? ex[^1] : p.TrainRate).ToArray();
            var ys = b.Points.Select(p => p.EvalRate == pes[0] ? ey[0] : p.EvalRate == pes[^1] ? ey[^1] : p.EvalRate).ToArray();
            var main = (b.First, b.Second) == (Phase.Eumentia, Phase.Dementia);
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LineWidth = main ? 4 : 2.5f;
            line.LinePattern = main ? LinePattern.Solid : b.First == Phase.Undecided || b.Second == Phase.Undecided ? LinePattern.Dotted : LinePattern.Dashed;
            line.MarkerSize = 0;
            if (withLegend && legendDone.Add((b.First, b.Second)))
            {
                line.LegendText = $"{ReportData.PhaseName(b.First)} | {ReportData.PhaseName(b.Second)}";
            }
        }
    }

    private static void DrawCrossings(Plot plot, PhaseDiagramResult d)
    {
        var cb = d.CrossingBoundary;
        if (cb.Count == 0)
        {
            return;
        }
        var xs = cb.Select(c => c.TrainRate).ToArray();
        var ys = cb.Select(c => c.EvalRate).ToArray();
        var errs = cb.Select(c => c.EvalRateErr ?? 0).ToArray();
        var bars = plot.Add.ErrorBar(xs, ys, errs);
        bars.Color = Colors.Black;
        bars.LineWidth = 2;
        bars.CapSize = 8;
        var m = plot.Add.Markers(xs, ys, MarkerShape.FilledDiamond, 14, Colors.Gold);
        m.MarkerLineColor = Colors.Black;
        m.MarkerLineWidth = 1.5f;
        m.LegendText = "⟨L⟩(pₑ) crossing ± error";
    }

    /// <summary>
    /// One label per phase at its most interior cell (farthest from cells of other phases and from the edge of
    /// the grid, then nearest the phase's centroid); a small '?' on each undecided cell.
    /// </summary>
    private static void DrawPhaseLabels(Plot plot, PhaseDiagramResult d)
    {
        var g = d.Grid;
        var cells = new List<(int I, int J, Phase P)>();
        for (int i = 0; i < g.TrainRates.Count; i++)
        {
            for (int j = 0; j < g.EvalRates.Count; j++)
            {
                if (g.Phases[i][j] is { } p)
                {
                    cells.Add((i, j, p));
                }
            }
        }
        foreach (var group in cells.GroupBy(c => c.P))
        {
            if (group.Key == Phase.Undecided)
            {
                foreach (var c in group)
                {
                    FigureKit.Label(plot, "?", g.TrainRates[c.I], g.EvalRates[c.J], 13);
                }
                continue;
            }
            var others = cells.Where(c => c.P != group.Key).ToArray();
            double ci = group.Average(c => c.I), cj = group.Average(c => c.J);
            var best = group
                .OrderByDescending(c => Math.Min(
                    others.Length == 0 ? int.MaxValue : others.Min(q => Math.Abs(q.I - c.I) + Math.Abs(q.J - c.J)),
                    1 + Math.Min(Math.Min(c.I, g.TrainRates.Count - 1 - c.I), Math.Min(c.J, g.EvalRates.Count - 1 - c.J))))
                .ThenBy(c => Math.Abs(c.I - ci) + Math.Abs(c.J - cj))
                .First();
            FigureKit.Label(plot, ReportData.PhaseName(group.Key), g.TrainRates[best.I], g.EvalRates[best.J], 18, bold: true);
        }
    }
}
