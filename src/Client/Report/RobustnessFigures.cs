using Mentia.Analysis.Lines;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Sweeps;
using ScottPlot;

namespace Mentia.Client.Report;

/// <summary>
/// The robustness figures of a sweep over several architectures: the eumentia-dementia boundary against p_t,
/// one curve per architecture, in one panel per fixed width (its depths) and one per fixed depth (its widths).
/// Only lines with a declared transition and a crossing estimate give a point; the others are marked as having
/// no estimate, never drawn as one.
/// </summary>
internal static class RobustnessFigures
{
    /// <summary>The panels this sweep has: none for a single architecture.</summary>
    public static IEnumerable<ReportFigure> Write(SweepResults results, string outDir, ReportOptions o)
    {
        var archs = ReportData.Architectures(results).Where(a => ReportData.Lines(results, a).Count > 0).ToArray();
        foreach (var g in archs.GroupBy(a => a.Width).Where(g => g.Count() > 1))
        {
            yield return Panel(results, g.OrderBy(a => a.Depth).ToArray(), $"robustness-w{g.Key}-depths",
                $"depths {string.Join(", ", g.Select(a => a.Depth).Order())} at width {g.Key}", a => $"depth {a.Depth}", outDir, o);
        }
        foreach (var g in archs.GroupBy(a => a.Depth).Where(g => g.Count() > 1))
        {
            yield return Panel(results, g.OrderBy(a => a.Width).ToArray(), $"robustness-d{g.Key}-widths",
                $"widths {string.Join(", ", g.Select(a => a.Width).Order())} at depth {g.Key}", a => $"width {a.Width}", outDir, o);
        }
    }

    /// <summary>A line's boundary estimate, or null where it has none to show as a result.</summary>
    internal static (double Pe, double Err)? Estimate(LineResult l) =>
        l is { HasTransition: true, Crossing: { Found: true, EvalRate: { } pe, EvalRateErr: { } err } } && double.IsFinite(pe) && double.IsFinite(err) && err >= 0
            ? (pe, err)
            : null;

    private static ReportFigure Panel(SweepResults results, IReadOnlyList<Architecture> archs, string key, string which, Func<Architecture, string> name, string outDir, ReportOptions o)
    {
        var (plot, title, caption) = Draw(results, archs, which, name);
        return FigureFiles.Save(plot, outDir, key, "robustness", title, caption, o.Width, o.Height + 80);
    }

    /// <summary>One panel: the boundary of each architecture against p_t; internal so tests can read what is drawn.</summary>
    internal static (Plot Plot, string Title, string Caption) Draw(SweepResults results, IReadOnlyList<Architecture> archs, string which, Func<Architecture, string> name)
    {
        var title = $"Eumentia–dementia boundary against pₜ: {which}";
        var plot = FigureKit.NewPlot(title, FigureKit.TrainRateLabel, "boundary pₑ (crossing of the ⟨L⟩(pₑ) curves)");
        var allPt = archs.SelectMany(a => ReportData.Lines(results, a)).Select(l => l.TrainRate).Distinct().Order().ToArray();
        var span = allPt.Length > 1 ? allPt[^1] - allPt[0] : 1;
        // Side-by-side offsets in p_t keep the error bars of different architectures apart; small next to the p_t spacing.
        var minGap = allPt.Length > 1 ? allPt.Zip(allPt.Skip(1), (a, b) => b - a).Min() : span;
        var dx = Math.Min(0.012 * span, 0.15 * minGap);
        var without = new List<(double X, Color C)>();
        var missingText = new List<string>();
        for (int k = 0; k < archs.Count; k++)
        {
            var color = FigureKit.SeriesColor(k);
            var shift = (k - (archs.Count - 1) / 2.0) * dx;
            var lines = ReportData.Lines(results, archs[k]);
            var est = lines.Select(l => (l.TrainRate, E: Estimate(l))).ToArray();
            var have = est.Where(t => t.E is not null).ToArray();
            if (have.Length > 0)
            {
                var xs = have.Select(t => t.TrainRate + shift).ToArray();
                var ys = have.Select(t => t.E!.Value.Pe).ToArray();
                var errs = have.Select(t => t.E!.Value.Err).ToArray();
                var bars = plot.Add.ErrorBar(xs, ys, errs);
                bars.Color = color;
                bars.LineWidth = 1.5f;
                bars.CapSize = 6;
                var m = plot.Add.Markers(xs, ys, FigureKit.SizeMarker(k), 11, color);
                m.LegendText = name(archs[k]);
                // Join only neighbouring p_t that both have an estimate: a line across a p_t without one would
                // draw a boundary where the data give none.
                for (int i = 0; i + 1 < est.Length; i++)
                {
                    if (est[i].E is { } a && est[i + 1].E is { } b)
                    {
                        var seg = plot.Add.Line(est[i].TrainRate + shift, a.Pe, est[i + 1].TrainRate + shift, b.Pe);
                        seg.LineColor = color;
                        seg.LineWidth = 2;
                        seg.MarkerSize = 0;
                    }
                }
            }
            var none = est.Where(t => t.E is null).ToArray();
            without.AddRange(none.Select(t => (t.TrainRate + shift, color)));
            if (none.Length > 0)
            {
                missingText.Add($"{name(archs[k])}: pₜ = {string.Join(", ", none.Select(t => FigureKit.Rate(t.TrainRate)))}");
            }
        }
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        var ySpan = Math.Max(limits.Top - limits.Bottom, 0.05);
        double yLo = limits.Bottom - 0.08 * ySpan, yHi = limits.Top + 0.08 * ySpan;
        if (without.Count > 0)
        {
            // Crosses in a strip below the data: the p_t where that architecture has no boundary estimate.
            var y = yLo - 0.04 * ySpan;
            // A rule between the data and the strip: the crosses' height is no p_e.
            var rule = plot.Add.HorizontalLine(yLo, 1, Colors.Gray.WithAlpha(0.7));
            rule.LegendText = "";
            for (int k = 0; k < without.Count; k++)
            {
                var m = plot.Add.Marker(without[k].X, y, MarkerShape.Cross, 13, without[k].C);
                m.LineWidth = 2;
                m.LegendText = k == 0 ? "no transition: no estimate" : "";
            }
            yLo -= 0.1 * ySpan;
        }
        var pad = Math.Max(0.05 * span, 2 * dx);
        plot.Axes.SetLimits(allPt[0] - pad, allPt[^1] + pad, yLo, yHi);
        plot.Axes.Bottom.TickGenerator = RateTicks.At(allPt);
        plot.ShowLegend(Edge.Bottom);
        var caption = $"The eumentia-dementia boundary at each pₜ, one curve per architecture ({which}): the crossing of the ⟨L⟩(pₑ) curves of different N " +
                      "with its bootstrap error (symmetric: half the central 68% range of the replicates), points offset slightly in pₜ to keep the bars apart. " +
                      "Only lines with a declared transition give a point; neighbouring points are joined only when both exist. " +
                      (missingText.Count > 0
                          ? $"Crosses along the bottom: no transition, so no boundary estimate (not a result): {string.Join("; ", missingText)}; the fitted-numbers table gives the reasons."
                          : "Every line of these architectures has a transition.") +
                      " The finite-size-scaling p_c of each architecture, with its asymmetric errors and flags, is in that architecture's “critical point against pₜ” figure.";
        return (plot, title, caption);
    }
}
