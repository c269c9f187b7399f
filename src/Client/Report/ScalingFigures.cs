// Over 250 lines: the collapse figures of a line (before, after, per ansatz) and the sweep summaries share one
// point selection and one styling; split candidates (before/after vs summaries) are noted in issue #15's closing note.
using Mentia.Analysis.Lines;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Specs;
using ScottPlot;

namespace Mentia.Client.Report;

/// <summary>
/// Finite-size scaling at one p_t: the data before the collapse, the collapse under each ansatz, the chi2
/// maps with their contours; and over all p_t: p_c, the exponents and chi2 with error bars.
/// </summary>
internal static class ScalingFigures
{
    public static IEnumerable<ReportFigure> Write(SweepResults results, LineResult line, string outDir, ReportOptions o)
    {
        var cells = ReportData.Cells(results, line.Architecture, line.TrainRate);
        var fits = line.Scaling.Where(f => f.Fitted && f.Pc is not null && f.Exponent is not null).ToArray();
        if (cells.Count == 0 || fits.Length == 0 || !line.HasTransition)
        {
            // No transition, no collapse: the line's own figures (loss, accuracy, Binder) say what it shows.
            yield break;
        }
        yield return Before(line, cells, outDir, o);
        foreach (var f in fits)
        {
            yield return After(line, cells, f, outDir, o);
        }
        foreach (var f in line.Scaling)
        {
            if (f.Map is { Pc.Count: > 1, Exponent.Count: > 1 } map)
            {
                yield return Chi2(line, f, map, global: false, outDir, o);
            }
            if (f.GlobalMap is { Pc.Count: > 1, Exponent.Count: > 1 } gmap)
            {
                yield return Chi2(line, f, gmap, global: true, outDir, o);
            }
        }
    }

    private static string Tag(FssResult f) => f.Ansatz == FssAnsatz.Bkt ? "bkt" : "algebraic";

    private static ReportFigure Before(LineResult line, IReadOnlyList<CellResult> cells, string outDir, ReportOptions o)
    {
        var arch = ReportData.ArchKey(line.Architecture);
        var pt = FigureKit.Rate(line.TrainRate);
        var title = $"Before the collapse: ⟨L⟩ against pₑ at pₜ = {pt}";
        var plot = FigureKit.NewPlot(title, FigureKit.EvalRateLabel, FigureKit.LossLabel);
        var any = line.Scaling.First(f => f.Fitted);
        var points = ReportData.CollapsePoints(line, cells, any);
        for (int k = 0; k < line.Scaling.Count; k++)
        {
            var f = line.Scaling[k];
            if (!f.Fitted || f.Pc is not { } pc)
            {
                continue;
            }
            var color = FigureKit.SeriesColor(k + 3);
            if (f.PcLow is { } lo && f.PcHigh is { } hi && hi > lo)
            {
                var span = plot.Add.HorizontalSpan(lo, hi, color.WithAlpha(0.15));
                span.LineWidth = 0;
            }
            var v = plot.Add.VerticalLine(pc, 2.5f, color, k == 0 ? LinePattern.Dashed : LinePattern.DenselyDashed);
            v.LegendText = $"p_c ({ReportData.AnsatzName(f.Ansatz)}) = {FigureKit.WithBounds(pc, f.PcLow, f.PcHigh)}";
        }
        var sizes = points.Select(q => q.N).Distinct().Order().ToArray();
        for (int k = 0; k < sizes.Length; k++)
        {
            var curve = points.Where(q => q.N == sizes[k]).OrderBy(q => q.P).ToArray();
            FigureKit.Curve(plot, curve.Select(q => q.P).ToArray(), curve.Select(q => q.Y).ToArray(), curve.Select(q => q.Dy).ToArray(),
                FigureKit.SizeColor(k, sizes.Length), FigureKit.SizeMarker(k), $"N = {sizes[k]}", logY: true);
        }
        LogAxes.LeftAxis(plot, points.Select(q => q.Y));
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
        var window = any.WindowLow is not null || any.WindowHigh is not null
            ? $"the p_e window [{FigureKit.Number(any.WindowLow)}, {FigureKit.Number(any.WindowHigh)}]"
            : "all p_e";
        var caption = $"The points the collapse uses ({window}, cells with a bootstrap error), one curve per N, with the fitted critical points p_c " +
                      "of each ansatz (lines) and the extent of their chi2 contour (shaded).";
        return FigureFiles.Save(plot, outDir, $"{arch}-{ReportData.RateKey(line.TrainRate)}-fss-before", "collapse", title, caption, o.Width, o.Height, arch, line.TrainRate);
    }

    private static ReportFigure After(LineResult line, IReadOnlyList<CellResult> cells, FssResult f, string outDir, ReportOptions o)
    {
        var arch = ReportData.ArchKey(line.Architecture);
        var pt = FigureKit.Rate(line.TrainRate);
        var sym = ReportData.ExponentSymbol(f.ExponentName);
        var n0 = f.N0 ?? 1.0;
        var points = ReportData.CollapsePoints(line, cells, f);
        var x = FssFitter.CollapseVariables(points, f.Ansatz, f.Pc!.Value, f.Exponent!.Value, n0);
        var xLabel = f.Ansatz == FssAnsatz.Bkt
            ? $"x = (pₑ − p_c) · (ln(N/N₀))^(1/κ),  N₀ = {FigureKit.Number(n0)}"
            : "x = (pₑ − p_c) · N^(1/ν)";
        var mark = f.Flags.Count > 0 ? " (flagged)" : "";
        var title = $"{ReportData.AnsatzName(f.Ansatz)} collapse at pₜ = {pt}: p_c = {FigureKit.WithBounds(f.Pc, f.PcLow, f.PcHigh)}, {sym} = {FigureKit.WithBounds(f.Exponent, f.ExponentLow, f.ExponentHigh)}{mark}";
        var plot = FigureKit.NewPlot(title, xLabel, FigureKit.LossLabel);
        plot.Title(title, 17);
        var sizes = points.Select(q => q.N).Distinct().Order().ToArray();
        for (int k = 0; k < sizes.Length; k++)
        {
            var idx = Enumerable.Range(0, points.Count).Where(i => points[i].N == sizes[k] && double.IsFinite(x[i])).OrderBy(i => x[i]).ToArray();
            if (idx.Length == 0)
            {
                continue;
            }
            FigureKit.Curve(plot, idx.Select(i => x[i]).ToArray(), idx.Select(i => points[i].Y).ToArray(), idx.Select(i => points[i].Dy).ToArray(),
                FigureKit.SizeColor(k, sizes.Length), FigureKit.SizeMarker(k), $"N = {sizes[k]}", LinePattern.Dotted, logY: true);
        }
        LogAxes.LeftAxis(plot, points.Select(q => q.Y));
        var zero = plot.Add.VerticalLine(0, 1.5f, Colors.Gray, LinePattern.Dashed);
        zero.LegendText = $"x = 0 (pₑ = p_c);  χ²/dof = {FigureKit.Number(f.Chi2, "0.##")}";
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
        var caption = $"The same points against the {ReportData.AnsatzName(f.Ansatz)} scaling variable at the best fit; a good collapse puts all N on one curve (loss on a log scale). " +
                      $"Reduced chi2 {FigureKit.Number(f.Chi2, "0.##")} over {f.Points} points of {f.Sizes} sizes; errors from the chi2 contour at {f.ContourLevel}" +
                      (f.ContourOpen ? " (the contour is open: the error is a lower bound)." : ".") +
                      (f.PcAtRangeEdge || f.ExponentAtRangeEdge ? " The minimum is at the edge of the search range: the true minimum may lie beyond it." : "") +
                      $" Window pₑ ∈ [{FigureKit.Number(f.WindowLow)}, {FigureKit.Number(f.WindowHigh)}] ({f.WindowSource}), N ≥ {FigureKit.Number(f.MinSize, "0")}; {ReportData.FlagText(f)}.";
        return FigureFiles.Save(plot, outDir, $"{arch}-{ReportData.RateKey(line.TrainRate)}-fss-{Tag(f)}", "collapse", title, caption, o.Width, o.Height, arch, line.TrainRate);
    }

    private static ReportFigure Chi2(LineResult line, FssResult f, Chi2Map map, bool global, string outDir, ReportOptions o)
    {
        var arch = ReportData.ArchKey(line.Architecture);
        var pt = FigureKit.Rate(line.TrainRate);
        var sym = ReportData.ExponentSymbol(map.ExponentName);
        // The global map's exponent axis is log-spaced: draw it in log10 units with labels in exponent units.
        Func<double, double> ty = global ? Math.Log10 : v => v;
        var ys = map.Exponent.Select(ty).ToArray();
        var logChi2 = map.Chi2.Select(row => (IReadOnlyList<double>)row.Select(v => v > 0 && double.IsFinite(v) ? Math.Log10(v) : double.NaN).ToArray()).ToArray();
        var finite = logChi2.SelectMany(r => r).Where(double.IsFinite).ToArray();
        var (lo, hi) = finite.Length > 0 ? (finite.Min(), finite.Max()) : (0.0, 1.0);
        if (hi <= lo)
        {
            hi = lo + 1;
        }
        var scale = new FigureKit.ColorScale(new ScottPlot.Colormaps.Viridis(), lo, hi);
        var title = $"χ² of the {ReportData.AnsatzName(f.Ansatz)} collapse at pₜ = {pt}" + (global ? " (whole search range)" : " (around the minimum)");
        var plot = FigureKit.NewPlot(title, "critical point p_c", global ? $"exponent {sym} (log scale)" : $"exponent {sym}");
        FigureKit.CellMap(plot, map.Pc, ys, (i, j) => logChi2[i][j], scale);
        ColorBars.Add(plot, scale, "log₁₀ reduced χ²");
        if (global)
        {
            var ey = FigureKit.CellEdges(ys);
            plot.Axes.Left.TickGenerator = LogAxes.Ticks(ey[0], ey[^1]);
        }

        if (f.Chi2 is { } min)
        {
            var mapT = map.Chi2;
            var plusOne = min + 1;
            DrawLevel(plot, map.Pc, ys, mapT, plusOne, Colors.White, LinePattern.Solid, $"χ²_min + 1 = {FigureKit.Number(plusOne, "0.##")}");
            if (f.Chi2Level is { } used && Math.Abs(used - plusOne) > 1e-9 * Math.Max(1, used))
            {
                DrawLevel(plot, map.Pc, ys, mapT, used, Colors.Orange, LinePattern.Dashed, $"level the fit used ({f.ContourLevel}) = {FigureKit.Number(used, "0.##")}");
            }
            if (!global && f.PcLow is { } pl && f.PcHigh is { } ph && f.ExponentLow is { } xl && f.ExponentHigh is { } xh)
            {
                var box = plot.Add.Rectangle(pl, ph, ty(xl), ty(xh));
                box.FillColor = Colors.Transparent;
                box.LineColor = Colors.Red;
                box.LineWidth = 1.5f;
                box.LinePattern = LinePattern.Dotted;
                box.LegendText = "error-bar extent";
            }
            if (global && f.Map is { Pc.Count: > 0, Exponent.Count: > 0 } zoom)
            {
                var box = plot.Add.Rectangle(zoom.Pc[0], zoom.Pc[^1], ty(zoom.Exponent[0]), ty(zoom.Exponent[^1]));
                box.FillColor = Colors.Transparent;
                box.LineColor = Colors.Red;
                box.LineWidth = 1.5f;
                box.LinePattern = LinePattern.Dotted;
                box.LegendText = "zoomed map";
            }
        }
        if (f.Pc is { } pc && f.Exponent is { } ex)
        {
            var m = plot.Add.Marker(pc, ty(ex), MarkerShape.Cross, 18, Colors.Red);
            m.LineWidth = 3;
            m.LegendText = $"minimum χ² = {FigureKit.Number(f.Chi2, "0.##")} at p_c = {FigureKit.Number(pc, "0.###")}, {sym} = {FigureKit.Number(ex, "0.###")}";
        }
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.8);
        plot.ShowLegend(Edge.Bottom);
        var caption = $"Reduced chi2 of the {ReportData.AnsatzName(f.Ansatz)} collapse over (p_c, {map.ExponentName}), colour on a log scale" +
                      (global ? ", over the whole search range with the zoomed map outlined. " : ", zoomed around the minimum. ") +
                      "White line: the textbook contour chi2_min + 1; orange dashed (if different): the level the fit used for its error bars" +
                      $" ({f.ContourLevel}); red cross: the minimum. Contours by marching squares on the map's grid.";
        return FigureFiles.Save(plot, outDir, $"{arch}-{ReportData.RateKey(line.TrainRate)}-chi2-{Tag(f)}{(global ? "-global" : "")}", "chi2", title, caption, o.Width, o.Height + 100, arch, line.TrainRate);
    }

    private static void DrawLevel(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> ys, IReadOnlyList<IReadOnlyList<double>> z, double level, Color color, LinePattern pattern, string legend)
    {
        var segments = Contour.Segments(xs, ys, z, level);
        var first = true;
        foreach (var s in segments)
        {
            var l = plot.Add.Line(s.X1, s.Y1, s.X2, s.Y2);
            l.LineColor = color;
            l.LineWidth = 2.5f;
            l.LinePattern = pattern;
            l.MarkerSize = 0;
            if (first)
            {
                l.LegendText = legend;
                first = false;
            }
        }
        if (segments.Count == 0)
        {
            // Keep the legend honest: the level does not cross this map.
            var l = plot.Add.Line(xs[0], ys[0], xs[0], ys[0]);
            l.LineColor = color;
            l.LineWidth = 0;
            l.LegendText = legend + " (not reached on this map)";
        }
    }

    /// <summary>
    /// p_c(p_t), the exponents(p_t) and chi2(p_t) of one architecture: only lines with a declared
    /// transition, asymmetric bars (the contour's extent), flagged estimates hollow; the p_t of lines
    /// without a transition are marked along the bottom.
    /// </summary>
    public static IEnumerable<ReportFigure> Summary(IReadOnlyList<LineResult> lines, string arch, string archText, string outDir, ReportOptions o)
    {
        var withTransition = lines.Where(l => l.HasTransition).ToArray();
        if (withTransition.Length == 0)
        {
            yield break;
        }
        var without = lines.Where(l => !l.HasTransition).ToArray();
        var ansatzes = lines.SelectMany(l => l.Scaling.Select(f => f.Ansatz)).Distinct().Order().ToArray();
        var dx = lines.Count > 1 ? (lines[^1].TrainRate - lines[0].TrainRate) / lines.Count * 0.06 : 0.005;
        var noneNote = without.Length == 0 ? "" :
            $" Crosses on the axis: pₜ = {string.Join(", ", without.Select(l => FigureKit.Rate(l.TrainRate)))} have no transition (no estimate; reasons in the table).";
        const string flagNote = " Hollow markers: estimates that carry a quality flag (see the table).";

        bool openLegend = false;

        // Where the contour reaches the search range, the bar's end is a bound, not an error: mark it with an arrow.
        void OpenEnds(Plot plot, FssAnsatz a, Func<FssResult, (double? V, double? Lo, double? Hi, double? RangeLo, double? RangeHi)> pick, double shift, Color color)
        {
            var rows = withTransition.Select(l => (l.TrainRate, F: l.Scaling.FirstOrDefault(f => f.Ansatz == a))).Where(t => t.F is { Fitted: true }).ToArray();
            var up = rows.Where(t => pick(t.F!) is { Hi: { } hi, RangeHi: { } rh } && hi >= rh * (1 - 1e-9)).Select(t => (X: t.TrainRate + shift, Y: pick(t.F!).Hi!.Value)).ToArray();
            var down = rows.Where(t => pick(t.F!) is { Lo: { } lo, RangeLo: { } rl } && lo <= rl + 1e-9 * Math.Abs(rl)).Select(t => (X: t.TrainRate + shift, Y: pick(t.F!).Lo!.Value)).ToArray();
            if (up.Length > 0)
            {
                var m = plot.Add.Markers(up.Select(p => p.X).ToArray(), up.Select(p => p.Y).ToArray(), MarkerShape.FilledTriangleUp, 13, color);
                m.LegendText = openLegend ? "" : "contour open: a bound, not an error";
                openLegend = true;
            }
            if (down.Length > 0)
            {
                var m = plot.Add.Markers(down.Select(p => p.X).ToArray(), down.Select(p => p.Y).ToArray(), MarkerShape.FilledTriangleDown, 13, color);
                m.LegendText = openLegend ? "" : "contour open: a bound, not an error";
                openLegend = true;
            }
        }

        (double[] X, double[] Y, double[] Down, double[] Up, bool[] Hollow) Rows(FssAnsatz a, Func<FssResult, (double? V, double? Lo, double? Hi)> pick, double shift)
        {
            var rows = withTransition.Select(l => (l.TrainRate, F: l.Scaling.FirstOrDefault(f => f.Ansatz == a)))
                .Where(t => t.F is { Fitted: true } && pick(t.F).V is not null).ToArray();
            return (rows.Select(t => t.TrainRate + shift).ToArray(),
                rows.Select(t => pick(t.F!).V!.Value).ToArray(),
                rows.Select(t => pick(t.F!) is { Lo: { } lo, V: { } v } ? Math.Max(0, v - lo) : double.NaN).ToArray(),
                rows.Select(t => pick(t.F!) is { Hi: { } hi, V: { } v } ? Math.Max(0, hi - v) : double.NaN).ToArray(),
                rows.Select(t => t.F!.Flags.Count > 0).ToArray());
        }

        // The p_t without a transition as grey crosses in a strip below the data, with the x range widened
        // to every p_t of the sweep so that none falls off the axis.
        void MarkWithout(Plot plot)
        {
            plot.Axes.AutoScale();
            var limits = plot.Axes.GetLimits();
            var span = Math.Max(limits.Top - limits.Bottom, 1e-9);
            // The x range is the sweep's p_t range (never what autoscale makes of a single point).
            var ptSpan = lines.Max(l => l.TrainRate) - lines.Min(l => l.TrainRate);
            var pad = Math.Max(0.06 * ptSpan, 3 * dx) + 0.01;
            var xLo = lines.Min(l => l.TrainRate) - pad;
            var xHi = lines.Max(l => l.TrainRate) + pad;
            if (without.Length > 0)
            {
                var y = limits.Bottom - 0.06 * span;
                var m = plot.Add.Markers(without.Select(l => l.TrainRate).ToArray(), without.Select(_ => y).ToArray(), MarkerShape.Cross, 14, Colors.Gray);
                m.MarkerLineWidth = 2;
                m.LegendText = "no transition at this pₜ";
                plot.Axes.SetLimits(xLo, xHi, limits.Bottom - 0.12 * span, limits.Top);
            }
            else
            {
                plot.Axes.SetLimitsX(xLo, xHi);
            }
            plot.Axes.Bottom.TickGenerator = RateTicks.At(lines.Select(l => l.TrainRate).ToArray());
        }

        // p_c(p_t): crossing and each ansatz.
        {
            var title = $"Critical point against pₜ, {archText}";
            var plot = FigureKit.NewPlot(title, FigureKit.TrainRateLabel, "critical evaluation rate p_c");
            var crossing = withTransition.Where(l => l.Crossing.Found).ToArray();
            if (crossing.Length > 0)
            {
                FigureKit.Curve(plot, crossing.Select(l => l.TrainRate - dx).ToArray(), crossing.Select(l => l.Crossing.EvalRate!.Value).ToArray(),
                    crossing.Select(l => l.Crossing.EvalRateErr ?? 0).ToArray(), Colors.Black, MarkerShape.FilledDiamond, "crossing of ⟨L⟩(pₑ) curves");
            }
            for (int k = 0; k < ansatzes.Length; k++)
            {
                var r = Rows(ansatzes[k], f => (f.Pc, f.PcLow, f.PcHigh), k * dx);
                if (r.X.Length > 0)
                {
                    FigureKit.Estimates(plot, r.X, r.Y, r.Down, r.Up, r.Hollow, FigureKit.SeriesColor(k + 3), FigureKit.SizeMarker(k), $"FSS {ReportData.AnsatzName(ansatzes[k])}", LinePattern.Dashed);
                    OpenEnds(plot, ansatzes[k], f => (f.Pc, f.PcLow, f.PcHigh, f.PcRangeLow, f.PcRangeHigh), k * dx, FigureKit.SeriesColor(k + 3));
                }
            }
            MarkWithout(plot);
            plot.ShowLegend(Edge.Bottom);
            yield return FigureFiles.Save(plot, outDir, $"{arch}-fss-pc", "fss-summary", title,
                "The eumentia-dementia critical point at each pₜ with a transition: from the crossing of the ⟨L⟩(pₑ) curves (bootstrap error) and from each collapse " +
                "(asymmetric bars: the extent of the chi2 contour); points offset slightly in pₜ to keep the bars apart." + flagNote + noneNote,
                o.Width, o.Height + 110, arch);
        }

        // The exponent of each ansatz.
        foreach (var a in ansatzes)
        {
            var r = Rows(a, f => (f.Exponent, f.ExponentLow, f.ExponentHigh), 0);
            if (r.X.Length == 0)
            {
                continue;
            }
            var name = Ansatz.ExponentName(a);
            var sym = ReportData.ExponentSymbol(name);
            var title = $"{ReportData.AnsatzName(a)} exponent {sym} against pₜ, {archText}";
            var plot = FigureKit.NewPlot(title, FigureKit.TrainRateLabel, $"exponent {sym}");
            openLegend = false;
            FigureKit.Estimates(plot, r.X, r.Y, r.Down, r.Up, r.Hollow, FigureKit.SeriesColor(a == FssAnsatz.Bkt ? 3 : 4), MarkerShape.FilledCircle, $"{sym}(pₜ), bars: χ² contour");
            OpenEnds(plot, a, f => (f.Exponent, f.ExponentLow, f.ExponentHigh, f.ExponentRangeLow, f.ExponentRangeHigh), 0, FigureKit.SeriesColor(a == FssAnsatz.Bkt ? 3 : 4));
            if (a == FssAnsatz.Bkt)
            {
                var bkt = plot.Add.HorizontalLine(0.5, 1.5f, Colors.Gray, LinePattern.Dotted);
                bkt.LegendText = "standard BKT κ = 1/2";
            }
            MarkWithout(plot);
            plot.ShowLegend(Edge.Bottom);
            yield return FigureFiles.Save(plot, outDir, $"{arch}-fss-{name}", "fss-summary", title,
                $"The fitted {name} of the {ReportData.AnsatzName(a)} collapse at each pₜ with a transition; bars: the extent of its chi2 contour (asymmetric); a triangle marks a bar end where the contour reaches the search range (a bound, not an error)." + flagNote + noneNote,
                o.Width, o.Height + 110, arch);
        }

        // chi2(p_t), with the poor-collapse threshold.
        {
            var title = $"Quality of the collapse against pₜ, {archText}";
            var plot = FigureKit.NewPlot(title, FigureKit.TrainRateLabel, "minimum reduced χ²");
            double? threshold = null;
            for (int k = 0; k < ansatzes.Length; k++)
            {
                var r = Rows(ansatzes[k], f => (f.Chi2, null, null), 0);
                if (r.X.Length == 0)
                {
                    continue;
                }
                FigureKit.Estimates(plot, r.X, r.Y, r.Down, r.Up, r.Hollow, FigureKit.SeriesColor(k + 3), FigureKit.SizeMarker(k), ReportData.AnsatzName(ansatzes[k]));
                threshold ??= withTransition.SelectMany(l => l.Scaling).FirstOrDefault(f => f.Ansatz == ansatzes[k] && f.PoorChi2Threshold is not null)?.PoorChi2Threshold;
            }
            var one = plot.Add.HorizontalLine(1, 1.5f, Colors.Gray, LinePattern.Dotted);
            one.LegendText = "χ² = 1";
            if (threshold is { } t)
            {
                var poor = plot.Add.HorizontalLine(t, 1.5f, Colors.Red, LinePattern.Dashed);
                poor.LegendText = $"poor-collapse threshold {FigureKit.Number(t, "0.##")}";
            }
            MarkWithout(plot);
            plot.ShowLegend(Edge.Bottom);
            yield return FigureFiles.Save(plot, outDir, $"{arch}-fss-chi2", "fss-summary", title,
                "The minimum reduced chi2 of each collapse at each pₜ with a transition. With bootstrap errors over n runs a perfect collapse averages n/(n−3); " +
                "above twice that (red dashed) the collapse is flagged poor." + flagNote + noneNote,
                o.Width, o.Height + 110, arch);
        }
    }
}
