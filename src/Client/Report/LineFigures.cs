using Mentia.Analysis.Lines;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Sweeps;
using ScottPlot;

namespace Mentia.Client.Report;

/// <summary>Line cuts at one p_t: &lt;L&gt;, &lt;A&gt; and the Binder cumulant against p_e, one curve per N.</summary>
internal static class LineFigures
{
    private enum Quantity { Loss, Accuracy, Binder }

    public static IEnumerable<ReportFigure> Write(SweepResults results, LineResult line, string outDir, ReportOptions o)
    {
        var cells = ReportData.Cells(results, line.Architecture, line.TrainRate);
        if (cells.Count == 0)
        {
            yield break;
        }
        foreach (var q in new[] { Quantity.Loss, Quantity.Accuracy, Quantity.Binder })
        {
            if (q == Quantity.Binder && cells.All(c => c.Statistics.Binder is null))
            {
                continue;
            }
            yield return Figure(line, cells, q, outDir, o);
        }
    }

    private static ReportFigure Figure(LineResult line, IReadOnlyList<CellResult> cells, Quantity q, string outDir, ReportOptions o)
    {
        var arch = ReportData.ArchKey(line.Architecture);
        var pt = FigureKit.Rate(line.TrainRate);
        var (name, label) = q switch
        {
            Quantity.Loss => ("loss", FigureKit.LossLabel),
            Quantity.Accuracy => ("accuracy", FigureKit.AccuracyLabel),
            _ => ("binder", FigureKit.BinderLabel),
        };
        var what = q switch { Quantity.Loss => "⟨L⟩", Quantity.Accuracy => "⟨A⟩", _ => "Binder cumulant" };
        var title = $"{what} against pₑ at pₜ = {pt}, {ReportData.ArchText(line.Architecture)}";
        var plot = FigureKit.NewPlot(title, FigureKit.EvalRateLabel, label);

        if (q == Quantity.Loss && line.Crossing is { Found: true, EvalRate: { } pc })
        {
            if (line.Crossing.EvalRateErr is { } err && err > 0)
            {
                var span = plot.Add.HorizontalSpan(pc - err, pc + err, Colors.Gray.WithAlpha(0.25));
                span.LineWidth = 0;
            }
            var v = plot.Add.VerticalLine(pc, 2.5f, Colors.Black, LinePattern.Dashed);
            v.LegendText = $"crossing pₑ = {FigureKit.WithError(pc, line.Crossing.EvalRateErr)}";
        }
        if (q == Quantity.Loss)
        {
            var chance = plot.Add.HorizontalLine(Math.Log10(PhaseClassifier.ChanceLoss), 1.5f, Colors.Gray, LinePattern.Dotted);
            chance.LegendText = "chance level ln 10";
        }
        if (q == Quantity.Accuracy)
        {
            var chance = plot.Add.HorizontalLine(0.1, 1.5f, Colors.Gray, LinePattern.Dotted);
            chance.LegendText = "chance level 0.1";
        }
        if (q == Quantity.Binder)
        {
            var gauss = plot.Add.HorizontalLine(3, 1.5f, Colors.Gray, LinePattern.Dotted);
            gauss.LegendText = "Gaussian value 3";
        }

        var sizes = cells.Select(c => c.Size).Distinct().Order().ToArray();
        for (int k = 0; k < sizes.Length; k++)
        {
            var curve = cells.Where(c => c.Size == sizes[k]).OrderBy(c => c.EvalRate).ToArray();
            var (ys, errs) = q switch
            {
                Quantity.Loss => (curve.Select(c => (double?)c.Statistics.MeanLoss), curve.Select(c => c.Statistics.MeanLossErr)),
                Quantity.Accuracy => (curve.Select(c => (double?)c.Statistics.MeanAccuracy), curve.Select(c => c.Statistics.MeanAccuracyErr)),
                _ => (curve.Select(c => c.Statistics.Binder), curve.Select(c => c.Statistics.BinderErr)),
            };
            var rows = curve.Zip(ys, errs).Where(t => t.Second is { } y && double.IsFinite(y)).ToArray();
            if (rows.Length == 0)
            {
                continue;
            }
            FigureKit.Curve(plot,
                rows.Select(t => t.First.EvalRate).ToArray(),
                rows.Select(t => t.Second!.Value).ToArray(),
                rows.Select(t => t.Third is { } e && double.IsFinite(e) ? e : 0).ToArray(),
                FigureKit.SizeColor(k, sizes.Length), FigureKit.SizeMarker(k), $"N = {sizes[k]}", logY: q == Quantity.Loss);
        }
        if (q == Quantity.Loss)
        {
            LogAxes.LeftAxis(plot, cells.Select(c => c.Statistics.MeanLoss).Append(PhaseClassifier.ChanceLoss));
        }
        plot.Legend.Alignment = q == Quantity.Accuracy ? Alignment.LowerLeft : Alignment.UpperLeft;
        plot.ShowLegend();

        // Say when the bars or points are absent, so an empty-looking curve is not read as a drawing fault.
        var errorsOf = (CellResult c) => q switch { Quantity.Loss => c.Statistics.MeanLossErr, Quantity.Accuracy => c.Statistics.MeanAccuracyErr, _ => c.Statistics.BinderErr };
        var bars = cells.Any(c => errorsOf(c) is > 0)
            ? q == Quantity.Loss ? "error bars: bootstrap standard errors over training runs" : "with bootstrap errors"
            : cells.Max(c => c.Statistics.Runs) <= 1
                ? "no error bars: one training run per cell leaves the bootstrap over runs nothing to resample"
                : "no error bars: the values do not vary between training runs";
        var noBinder = q == Quantity.Binder && cells.Any(c => c.Statistics.Binder is null)
            ? $" No point at pₑ = {string.Join(", ", cells.Where(c => c.Statistics.Binder is null).Select(c => c.EvalRate).Distinct().Order().Select(FigureKit.Rate))} for some N: the accuracy does not vary over the passes there, so m₂ = 0."
            : "";
        var caption = q switch
        {
            Quantity.Loss => $"Mean test loss (log scale) against the evaluation dropout rate, one curve per training-set size N; {bars}. " +
                             "Where more data lowers the loss the larger-N curves lie below (eumentia), where it raises it they lie above (dementia); " +
                             (line.Crossing.Found ? "the dashed line and grey band mark the crossing estimate and its error." : $"no crossing: {line.Crossing.Reason}."),
            Quantity.Accuracy => $"Mean test accuracy against the evaluation dropout rate, one curve per N, {bars}.",
            _ => $"Binder cumulant m₄/m₂² of the accuracy over all passes, one curve per N, {bars}; it tends to 3 (Gaussian fluctuations) in the dementia phase.{noBinder}",
        };
        return FigureFiles.Save(plot, outDir, $"{arch}-{ReportData.RateKey(line.TrainRate)}-{name}", "lines", title, caption, o.Width, o.Height, arch, line.TrainRate);
    }
}
