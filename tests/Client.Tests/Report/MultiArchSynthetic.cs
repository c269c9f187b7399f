using Mentia.Analysis.Lines;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Statistics;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;

namespace Mentia.Client.Tests.Report;

/// <summary>
/// Results of a sweep over five architectures (width 64 at depths 2, 3, 4; widths 128 and 256 at depth 2) with a
/// known boundary: &lt;L&gt; ∝ N^(0.6 (p_e − p_c)) with p_c = 0.3 + 0.05 (depth − 2) + 0.04 log2(width/64) + 0.25 p_t,
/// amentia at p_t = 0.9; for width 256, p_t = 0.5 has no dementia in range (no transition: no boundary estimate).
/// The real line analysis without collapses (fast), so crossings and transitions are real.
/// </summary>
internal static class MultiArchSynthetic
{
    public static readonly Architecture[] Archs = [new(64, 2), new(64, 3), new(64, 4), new(128, 2), new(256, 2)];
    public static readonly double[] TrainRates = [0.0, 0.2, 0.5, 0.9];
    public static readonly double[] EvalRates = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    public static readonly int[] Sizes = [100, 200, 400, 800];

    public static double Pc(Architecture a, double pt) =>
        a == new Architecture(256, 2) && pt == 0.5 ? 2.0 : 0.3 + 0.05 * (a.Depth - 2) + 0.04 * Math.Log2(a.Width / 64.0) + 0.25 * pt;

    public static SweepResults Build()
    {
        var cells = new List<CellResult>();
        foreach (var a in Archs)
        foreach (var pt in TrainRates)
        foreach (var pe in EvalRates)
        foreach (var n in Sizes)
        {
            double loss = pt >= 0.9
                ? Math.Log(10) * (1 + 0.01 * pe)
                : 0.5 * Math.Exp(3 * pe) * Math.Pow(n / 400.0, 0.6 * (pe - Pc(a, pt)));
            var acc = pt >= 0.9 ? 0.1 : Math.Clamp(0.97 - 0.8 * pe * pe, 0.1, 1);
            cells.Add(new CellResult(a.Width, a.Depth, pt, pe, n, new CellStatistics(loss, 0.02 * loss, acc, 0.005, 1.5 + 1.5 * pe, 0.05, 3, 15, 200)));
        }
        var settings = new AnalysisSettings { Fss = new FssSettings { Ansatzes = [] } };
        var lines = Archs.SelectMany(a => TrainRates.Select(pt => LineAnalysis.Analyze(a, pt,
            cells.Where(c => c.Width == a.Width && c.Depth == a.Depth && c.TrainRate == pt)
                .Select(c => new ScalingPoint(c.EvalRate, c.Size, c.Statistics.MeanLoss, c.Statistics.MeanLossErr!.Value)).ToArray(),
            settings, 7))).ToArray();
        return new SweepResults
        {
            SweepId = "multiarch-0001",
            Name = "multiarch",
            SpecText = "name: multiarch\nseed: 7\n",
            GeneratedAt = new DateTimeOffset(2026, 3, 25, 12, 0, 0, TimeSpan.Zero),
            State = "done",
            ReplicasDone = 60,
            ReplicasTotal = 60,
            ValidationDropout = "off",
            Cells = cells,
            Lines = lines,
            PhaseDiagrams = Archs.Select(a => PhaseDiagram.Build(a, lines.Where(l => l.Architecture == a).ToArray())).ToArray(),
        };
    }
}
