using Mentia.Analysis.Lines;
using Mentia.Analysis.Phases;
using Mentia.Core.Records.Raw;
using ScottPlot;

namespace Mentia.Client.Report;

/// <summary>
/// Training curves at one p_t: the validation loss against the epoch, per N the median over its replicas with the
/// 25–75 % band, so a reader sees whether and when training converged (flat tails, the band closing).
/// </summary>
internal static class TrainingCurveFigures
{
    public static IEnumerable<ReportFigure> Write(LineResult line, string outDir, ReportOptions o)
    {
        var rows = (o.Curves ?? []).Where(r => r.Width == line.Architecture.Width && r.Depth == line.Architecture.Depth
                                               && r.TrainRate == line.TrainRate && r.ValidationLoss > 0).ToArray();
        if (rows.Length == 0)
        {
            yield break;
        }
        yield return Figure(line, rows, outDir, o);
    }

    private static ReportFigure Figure(LineResult line, IReadOnlyList<EpochRow> rows, string outDir, ReportOptions o)
    {
        var arch = ReportData.ArchKey(line.Architecture);
        var title = $"Validation loss during training at pₜ = {FigureKit.Rate(line.TrainRate)}, {ReportData.ArchText(line.Architecture)}";
        var plot = FigureKit.NewPlot(title, "epoch", "validation loss (nats)");
        var bands = TrainingCurveBands.Of(rows);
        // Chance level, as on the line cuts: a curve that never leaves it learned nothing (amentia at high p_t).
        var chance = plot.Add.HorizontalLine(Math.Log10(PhaseClassifier.ChanceLoss), 1.5f, Colors.Gray, LinePattern.Dotted);
        chance.LegendText = "chance level ln 10";
        for (int k = 0; k < bands.Count; k++)
        {
            var b = bands[k];
            var color = FigureKit.SizeColor(k, bands.Count);
            // Log axis: drawn as log10, as every loss axis of the report is.
            var fill = plot.Add.FillY(b.Epochs, b.Low.Select(Math.Log10).ToArray(), b.High.Select(Math.Log10).ToArray());
            fill.FillColor = color.WithAlpha(0.22);
            fill.LineWidth = 0;
            var median = plot.Add.ScatterLine(b.Epochs, b.Median.Select(Math.Log10).ToArray(), color);
            median.LineWidth = 2.5f;
            median.MarkerShape = FigureKit.SizeMarker(k);
            median.MarkerSize = b.Epochs.Length <= 40 ? 6 : 0;
            median.LegendText = $"N = {b.Size} ({b.Replicas} runs)";
        }
        LogAxes.LeftAxis(plot, bands.SelectMany(b => b.Low.Concat(b.High)).Append(PhaseClassifier.ChanceLoss));
        var maxEpoch = bands.Max(b => b.Epochs[^1]);
        plot.Axes.SetLimitsX(0.5, maxEpoch + 0.5);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.ShowLegend();
        var thinning = bands.Any(b => b.Runs[^1] < b.Runs[0])
            ? " Early stopping ends runs at different epochs: each point summarises the runs still training then, so the last epochs of a curve rest on fewer runs."
            : "";
        var caption = "Validation loss (log scale) after each epoch, as the sweep's validation-dropout setting measured it (the quantity that drove early stopping): " +
                      "for each training-set size N the median over its replicas (line) and the 25–75 % range (band). " +
                      "Flat tails and a closing band show converged training; the weights kept are those of each run's best epoch. " +
                      "Dotted: chance level ln 10." + thinning;
        return FigureFiles.Save(plot, outDir, $"{arch}-{ReportData.RateKey(line.TrainRate)}-training", "training", title, caption, o.Width, o.Height, arch, line.TrainRate);
    }
}
