using Mentia.Analysis.Lines;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Statistics;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;

namespace Mentia.Client.Tests;

/// <summary>
/// Synthetic results with a known structure: at p_t = 0 and 0.5 the loss follows N^alpha with
/// alpha = 0.6 (p_e - p_c) (eumentia below p_c, dementia above); at p_t = 0.9 it sits at ln 10 for
/// every N (amentia). Analysed with the real line analysis, so lines, FSS fits and chi2 maps are real.
/// </summary>
internal static class ReportSynthetic
{
    public static readonly Architecture Arch = new(64, 2);
    public static readonly double[] TrainRates = [0.0, 0.5, 0.9];
    public static readonly double[] EvalRates = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    public static readonly int[] Sizes = [100, 200, 400, 800];

    /// <summary>p_c of the eumentia-dementia transition at p_t = 0 (the p_t = 0.5 line has it 0.2 higher).</summary>
    /// <summary>
    /// Training curves for every (p_t, N) of <see cref="Build"/>: 3 replicas whose validation loss decays towards a
    /// floor that falls with N, with a small replica-dependent wiggle; replica r stops after 12 + 3 r epochs, so the
    /// later epochs rest on fewer runs, as early stopping makes them.
    /// </summary>
    public static IReadOnlyList<Mentia.Core.Records.Raw.EpochRow> Curves()
    {
        var rows = new List<Mentia.Core.Records.Raw.EpochRow>();
        foreach (var pt in TrainRates)
        foreach (var n in Sizes)
        for (int r = 0; r < 3; r++)
        for (int e = 1; e <= 12 + 3 * r; e++)
        {
            var floor = 0.2 + 40 / (double)n + pt;
            var loss = floor + (2.3 - floor) * Math.Exp(-e / (2.0 + n / 400.0)) + 0.01 * Math.Sin(e + r);
            rows.Add(new() { Width = Arch.Width, Depth = Arch.Depth, TrainRate = pt, Size = n, Replica = r, Epoch = e,
                TrainLoss = loss * 0.9, ValidationLoss = loss, LearningRate = e > 10 ? 1e-4 : 1e-3 });
        }
        return rows;
    }

    public static SweepResults Build(double pc0 = 0.45, string validationDropout = "off")
    {
        var cells = new List<CellResult>();
        foreach (var pt in TrainRates)
        foreach (var pe in EvalRates)
        foreach (var n in Sizes)
        {
            double loss, acc;
            if (pt >= 0.9)
            {
                loss = Math.Log(10) * (1 + 0.01 * pe);
                acc = 0.1;
            }
            else
            {
                var pc = pc0 + (pt > 0 ? 0.2 : 0);
                var alpha = 0.6 * (pe - pc);
                loss = 0.5 * Math.Exp(3 * pe) * Math.Pow(n / 400.0, alpha);
                acc = Math.Clamp(0.97 - 0.8 * pe * pe - 0.02 * Math.Log(800.0 / n), 0.1, 1);
            }
            var stats = new CellStatistics(loss, 0.02 * loss, acc, 0.005, 1.5 + 1.5 * pe, 0.05, 3, 15, 200);
            cells.Add(new CellResult(Arch.Width, Arch.Depth, pt, pe, n, stats));
        }
        var settings = new AnalysisSettings();
        var lines = TrainRates.Select(pt => LineAnalysis.Analyze(Arch, pt,
            cells.Where(c => c.TrainRate == pt).Select(c => new ScalingPoint(c.EvalRate, c.Size, c.Statistics.MeanLoss, c.Statistics.MeanLossErr!.Value)).ToArray(),
            settings, 7)).ToArray();
        return new SweepResults
        {
            SweepId = "synthetic-0001",
            Name = "synthetic",
            SpecText = "name: synthetic\nseed: 7\n# <spec & text>\n",
            GeneratedAt = new DateTimeOffset(2026, 3, 25, 12, 0, 0, TimeSpan.Zero),
            State = "done",
            ReplicasDone = 36,
            ReplicasTotal = 36,
            ValidationDropout = validationDropout,
            Cells = cells,
            Lines = lines,
            PhaseDiagrams = [PhaseDiagram.Build(Arch, lines)],
        };
    }
}
