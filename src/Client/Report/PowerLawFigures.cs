using Mentia.Analysis.Lines;
using Mentia.Analysis.Sweeps;
using ScottPlot;

namespace Mentia.Client.Report;

/// <summary>Log-log &lt;L&gt; against N at chosen p_e of one p_t, with the fitted power laws and alpha in the legend.</summary>
internal static class PowerLawFigures
{
    public static IEnumerable<ReportFigure> Write(SweepResults results, LineResult line, string outDir, ReportOptions o)
    {
        var chosen = Choose(line.Alphas, o);
        if (chosen.Count == 0)
        {
            return [];
        }
        var arch = ReportData.ArchKey(line.Architecture);
        var pt = FigureKit.Rate(line.TrainRate);
        var title = $"⟨L⟩ against N at pₜ = {pt}, {ReportData.ArchText(line.Architecture)} (log-log)";
        var plot = FigureKit.NewPlot(title, FigureKit.SizeLabel, FigureKit.LossLabel);
        var allN = new List<double>();
        var allY = new List<double>();
        for (int k = 0; k < chosen.Count; k++)
        {
            var a = chosen[k];
            var color = FigureKit.SeriesColor(k);
            var pts = a.Points.Where(p => p.Y > 0 && p.N > 0).ToArray();
            var xs = pts.Select(p => Math.Log10(p.N)).ToArray();
            var ys = pts.Select(p => Math.Log10(p.Y)).ToArray();
            // Asymmetric bars in log space: log10(y ± dy).
            var up = pts.Select(p => Math.Log10(p.Y + p.Dy) - Math.Log10(p.Y)).ToArray();
            var down = pts.Select(p => p.Y - p.Dy > 0 ? Math.Log10(p.Y) - Math.Log10(p.Y - p.Dy) : up[Array.IndexOf(pts, p)]).ToArray();
            FigureKit.AsymmetricBars(plot, xs, ys, down, up, color);
            var m = plot.Add.Markers(xs, ys, FigureKit.SizeMarker(k), 10, color);
            allN.AddRange(pts.Select(p => p.N));
            allY.AddRange(pts.Select(p => p.Y));
            var fit = a.Fit;
            var legend = $"pₑ = {FigureKit.Rate(a.EvalRate)}: α = {FigureKit.WithError(fit.Alpha, fit.AlphaErr)} ({ReportData.PhaseName(a.Classification.Phase)})";
            if (fit.Fitted && fit.Alpha is { } alpha && fit.Intercept is { } b && pts.Length > 0)
            {
                var lo = pts.Min(p => p.N) / 1.15;
                var hi = pts.Max(p => p.N) * 1.15;
                var lx = new[] { Math.Log10(lo), Math.Log10(hi) };
                var ly = new[] { (b + alpha * Math.Log(lo)) / Math.Log(10), (b + alpha * Math.Log(hi)) / Math.Log(10) };
                var l = plot.Add.ScatterLine(lx, ly, color);
                l.LineWidth = 2;
                l.LegendText = legend;
                allY.Add(Math.Exp(b + alpha * Math.Log(lo)));
                allY.Add(Math.Exp(b + alpha * Math.Log(hi)));
            }
            else
            {
                m.LegendText = legend + " — no fit";
            }
        }
        if (allN.Count > 0)
        {
            double xlo = Math.Log10(allN.Min()) - 0.08, xhi = Math.Log10(allN.Max()) + 0.08;
            double ylo = Math.Log10(allY.Min()), yhi = Math.Log10(allY.Max());
            var pad = Math.Max(0.05, (yhi - ylo) * 0.08);
            plot.Axes.SetLimits(xlo, xhi, ylo - pad, yhi + pad);
            plot.Axes.Bottom.TickGenerator = LogAxes.Ticks(xlo, xhi, allN);
            plot.Axes.Left.TickGenerator = LogAxes.Ticks(ylo - pad, yhi + pad);
        }
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.ShowLegend(Edge.Bottom);
        var caption = "Mean test loss against training-set size on log-log axes at selected evaluation rates, with the power laws ⟨L⟩ = e^b N^α " +
                      "fitted by weighted least squares; α (with its formal standard error) and the phase it implies are in the legend. " +
                      "A falling line is eumentia, a rising one dementia, a flat one at ln 10 ≈ 2.30 amentia." +
                      // Points without lines need their reason next to them (e.g. two sizes N fix no power law).
                      (chosen.FirstOrDefault(a => !a.Fit.Fitted) is { Fit.Reason: { } why } ? $" Marked 'no fit': no power law is fitted there: {why}." : "");
        return [FigureFiles.Save(plot, outDir, $"{arch}-{ReportData.RateKey(line.TrainRate)}-powerlaw", "powerlaw", title, caption, o.Width, o.Height + 100, arch, line.TrainRate)];
    }

    /// <summary>The p_e values asked for, or up to MaxPowerLawCurves spread evenly over those with points.</summary>
    private static IReadOnlyList<AlphaAtRate> Choose(IReadOnlyList<AlphaAtRate> alphas, ReportOptions o)
    {
        var usable = alphas.Where(a => a.Points.Count > 0).OrderBy(a => a.EvalRate).ToArray();
        if (o.PowerLawEvalRates is { } wanted)
        {
            return usable.Where(a => wanted.Any(w => Math.Abs(w - a.EvalRate) < 1e-9)).ToArray();
        }
        if (usable.Length <= o.MaxPowerLawCurves)
        {
            return usable;
        }
        var n = Math.Max(2, o.MaxPowerLawCurves);
        return Enumerable.Range(0, n).Select(k => usable[(int)Math.Round(k * (usable.Length - 1) / (double)(n - 1))]).Distinct().ToArray();
    }
}
