using Mentia.Analysis.Lines;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Core.Specs;
using ScottPlot;

namespace Mentia.Client.Report;

/// <summary>
/// The finite-size checks behind a line's collapse: the window scan (p_c and the exponent against
/// the window's half-width, one series per number of smallest sizes dropped) and the crossing drift
/// (pairwise crossings against size, with each ansatz's extrapolation to N → ∞).
/// </summary>
internal static class FssCheckFigures
{
    public static IEnumerable<ReportFigure> Write(LineResult line, string outDir, ReportOptions o)
    {
        if (!line.HasTransition)
        {
            yield break;
        }
        foreach (var f in line.Scaling.Where(f => f.Fitted && f.Scan.Count > 0))
        {
            yield return Scan(line, f, outDir, o);
        }
        if (line.Crossing.Pairs.Any(p => p.EvalRate is not null))
        {
            yield return Drift(line, outDir, o);
        }
    }

    private static ReportFigure Scan(LineResult line, FssResult f, string outDir, ReportOptions o)
    {
        var arch = ReportData.ArchKey(line.Architecture);
        var pt = FigureKit.Rate(line.TrainRate);
        var sym = ReportData.ExponentSymbol(f.ExponentName);
        var title = $"Window scan of the {ReportData.AnsatzName(f.Ansatz)} collapse at pₜ = {pt}";
        var plot = FigureKit.NewPlot(title, "half-width of the pₑ window around its centre", "p_c (filled: acceptable fit)");
        plot.Axes.Right.Label.Text = $"exponent {sym} (dashed)";
        plot.Axes.Right.Label.FontSize = 18;
        plot.Axes.Right.TickLabelStyle.FontSize = 15;
        var drops = f.Scan.Select(e => e.DroppedSizes).Distinct().Order().ToArray();
        for (int k = 0; k < drops.Length; k++)
        {
            var entries = f.Scan.Where(e => e.DroppedSizes == drops[k] && e.Fitted && e.Pc is not null && e.Exponent is not null).OrderBy(e => e.HalfWidth).ToArray();
            if (entries.Length == 0)
            {
                continue;
            }
            var color = FigureKit.SeriesColor(k);
            var xs = entries.Select(e => e.HalfWidth).ToArray();
            var label = drops[k] == 0 ? "all sizes" : $"{drops[k]} smallest dropped (N ≥ {FigureKit.Number(entries[0].MinSize, "0")})";
            var nan = entries.Select(_ => double.NaN).ToArray();
            FigureKit.Estimates(plot, xs, entries.Select(e => e.Pc!.Value).ToArray(), nan, nan, entries.Select(e => !e.Acceptable).ToArray(), color, FigureKit.SizeMarker(k), label, hollowMeaning: null);
            var ex = plot.Add.Scatter(xs, entries.Select(e => e.Exponent!.Value).ToArray(), color);
            ex.Axes.YAxis = plot.Axes.Right;
            ex.LinePattern = LinePattern.Dashed;
            ex.MarkerShape = FigureKit.Hollow(FigureKit.SizeMarker(k));
            ex.MarkerSize = 9;
            ex.LegendText = "";
        }
        if (f.Scan.FirstOrDefault(e => e.Chosen) is { Pc: { } cpc } chosen)
        {
            var m = plot.Add.Marker(chosen.HalfWidth, cpc, MarkerShape.OpenCircle, 26, Colors.Red);
            m.LineWidth = 2.5f;
            m.LegendText = $"chosen: pₑ ∈ [{FigureKit.Number(chosen.WindowLow)}, {FigureKit.Number(chosen.WindowHigh)}], {chosen.DroppedSizes} dropped";
            if (f.PcLow is { } lo && f.PcHigh is { } hi)
            {
                var span = plot.Add.VerticalSpan(lo, hi, Colors.Red.WithAlpha(0.08));
                span.LineWidth = 0;
                span.LegendText = "p_c extent of the chosen fit's χ² contour";
            }
        }
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.8);
        plot.ShowLegend(Edge.Bottom);
        var verdict = f.Flags.Contains(CollapseQuality.WindowUnstable)
            ? "No window was confirmed by its neighbours: the estimate is flagged window-unstable."
            : "The chosen window's neighbours (a smaller window; one more size dropped) fall inside its chi2 contour (red band: its p_c extent).";
        var caption = $"Each point is a cheap fit (grid and simplex, no contour) on a window of the given half-width around its centre (the mean of the crossing and of where alpha changes sign), " +
                      "with 0, 1 or 2 of the smallest sizes dropped (one colour each). Solid lines, left axis: p_c, filled where the fit is acceptable (off the range edges, chi2 within the poor-collapse threshold), hollow where not. " +
                      $"Dashed lines with small open markers, right axis: the exponent {sym} of the same fits. " + verdict;
        return FigureFiles.Save(plot, outDir, $"{arch}-{ReportData.RateKey(line.TrainRate)}-scan-{(f.Ansatz == FssAnsatz.Bkt ? "bkt" : "algebraic")}", "fss-checks", title, caption, o.Width, o.Height + 220, arch, line.TrainRate);
    }

    private static ReportFigure Drift(LineResult line, string outDir, ReportOptions o)
    {
        var arch = ReportData.ArchKey(line.Architecture);
        var pt = FigureKit.Rate(line.TrainRate);
        var title = $"Crossing drift with size at pₜ = {pt}";
        var plot = FigureKit.NewPlot(title, "pair size √(Nᵢ Nᵢ₊₁) (log scale; N → ∞ to the right)", "crossing pₑ of consecutive sizes");
        var pairs = line.Crossing.Pairs.Where(p => p.EvalRate is not null).ToArray();
        var xs = pairs.Select(p => Math.Log10(Math.Sqrt(p.SmallerN * p.LargerN))).ToArray();
        var nMax = pairs.Max(p => p.LargerN);
        // Reach towards N -> infinity only where an extrapolation is drawn.
        var xFar = Math.Log10(nMax) + (line.Scaling.Any(f => f.Drift is { Fitted: true }) ? 2 : 0.3);
        FigureKit.Curve(plot, xs, pairs.Select(p => p.EvalRate!.Value).ToArray(), pairs.Select(p => p.EvalRateErr ?? 0).ToArray(), Colors.Black, MarkerShape.FilledDiamond, "pair crossings (bootstrap errors)");
        int k = 0;
        var notes = new List<string>();
        foreach (var f in line.Scaling.Where(f => f.Fitted))
        {
            var color = FigureKit.SeriesColor(k + 3);
            var name = ReportData.AnsatzName(f.Ansatz);
            if (f.PcLow is { } lo && f.PcHigh is { } hi && f.Pc is { } fpc)
            {
                var span = plot.Add.VerticalSpan(lo, hi, color.WithAlpha(0.10));
                span.LineWidth = 0;
                var centre = plot.Add.HorizontalLine(fpc, 2, color, k == 0 ? LinePattern.Solid : LinePattern.DenselyDashed);
                centre.LegendText = $"collapse p_c ({name}) = {FigureKit.WithBounds(fpc, lo, hi)}, band: contour extent";
            }
            if (f.Drift is { Fitted: true, PcInfinity: { } pinf, Slope: { } slope, Exponent: { } ex } d)
            {
                var n0 = f.N0 ?? 1.0;
                var curveX = Enumerable.Range(0, 60).Select(i => xs.Min() + (xFar - xs.Min()) * i / 59.0).ToArray();
                var curveY = curveX.Select(x => pinf + slope * CrossingDrift.U(f.Ansatz, Math.Pow(10, x), ex, n0)).ToArray();
                var c = plot.Add.Scatter(curveX, curveY, color);
                c.MarkerSize = 0;
                c.LineWidth = 2;
                c.LinePattern = LinePattern.Dashed;
                c.LegendText = $"{name} extrapolation: p_c(∞) = {FigureKit.WithError(pinf, d.PcInfinityErr)}" + (d.Agrees == false ? " (disagrees)" : "");
                notes.Add($"{name}: p_c(N → ∞) = {FigureKit.WithError(pinf, d.PcInfinityErr)}, {(d.Agrees == false ? "disagrees with" : "agrees with")} the collapse ({FigureKit.Number(d.Deviation, "0.#")} σ)");
            }
            else if (f.Drift is { } none)
            {
                notes.Add($"{name}: no extrapolation ({none.Reason})");
                var legendOnly = plot.Add.Marker(xs[0], pairs[0].EvalRate!.Value, MarkerShape.None, 0, color);
                legendOnly.LegendText = $"{name}: no N → ∞ limit from these crossings";
            }
            k++;
        }
        plot.Axes.Bottom.TickGenerator = LogAxes.Ticks(xs.Min() - 0.15, xFar);
        plot.Axes.SetLimitsX(xs.Min() - 0.15, xFar);
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.8);
        plot.ShowLegend(Edge.Bottom);
        var missing = line.Crossing.Pairs.Where(p => p.EvalRate is null).Select(p => $"{p.SmallerN:0}/{p.LargerN:0}").ToArray();
        var caption = "Where the ⟨L⟩(pₑ) curves of consecutive sizes cross, against the pair's size, with each collapse's p_c (lines; bands: contour extent) and " +
                      "the straight-line extrapolation of the crossings in u(N) with the collapse's exponent held fixed (BKT: u = (ln N)^(−1/κ); algebraic: u = N^(−1/ν)). " +
                      string.Join("; ", notes) + "." +
                      (missing.Length > 0 ? $" Pairs whose curves do not cross in the range (not drawn): N = {string.Join(", ", missing)}." : "");
        return FigureFiles.Save(plot, outDir, $"{arch}-{ReportData.RateKey(line.TrainRate)}-drift", "fss-checks", title, caption, o.Width, o.Height + 200, arch, line.TrainRate);
    }
}
