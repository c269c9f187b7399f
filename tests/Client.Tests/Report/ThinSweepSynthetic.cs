using Mentia.Analysis.Statistics;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Specs;

namespace Mentia.Client.Tests.Report;

/// <summary>
/// Results of sweeps too thin for parts of the analysis, as `mentia run` writes them: one replica (no error
/// bars) and/or two sizes N (no alpha). Cells are synthetic, the analysis is the real one.
/// </summary>
internal static class ThinSweepSynthetic
{
    public static SweepResults Build(int replicas, int[] sizes, double[]? evalRates = null)
    {
        evalRates ??= [0.0, 0.3, 0.6];
        double[] trainRates = [0.0, 0.5];
        var text = $"""
            name: thin
            seed: 7
            model: {"{"}widths: [16], depths: [1]{"}"}
            dropout: {"{"}p_t: [{string.Join(", ", trainRates.Select(F))}], p_e: [{string.Join(", ", evalRates.Select(F))}]{"}"}
            N: [{string.Join(", ", sizes)}]
            replicas: {replicas}
            passes: 2
            """;
        var spec = SpecReader.Parse(text);
        var cells = new List<CellResult>();
        foreach (var pt in trainRates)
        foreach (var pe in evalRates)
        foreach (var n in sizes)
        {
            var loss = 0.4 * Math.Exp(2 * pe) * Math.Pow(n / 400.0, 0.5 * (pe - 0.4)) + 0.1 * pt;
            var acc = Math.Clamp(0.95 - 0.7 * pe * pe - 0.1 * pt, 0.1, 1);
            // One run: the bootstrap over runs has nothing to resample, so no error and no Binder error (CellAccumulator).
            var stats = replicas == 1
                ? new CellStatistics(loss, null, acc, null, 1.2, null, 1, 2, 50)
                : new CellStatistics(loss, 0.02 * loss, acc, 0.005, 1.2, 0.05, replicas, 2 * replicas, 50);
            cells.Add(new CellResult(16, 1, pt, pe, n, stats));
        }
        var (lines, diagrams) = SweepAnalyzer.Analyze(spec, cells);
        return new SweepResults
        {
            SweepId = "thin-0001",
            Name = "thin",
            SpecText = text,
            GeneratedAt = new DateTimeOffset(2026, 3, 25, 12, 0, 0, TimeSpan.Zero),
            State = "done",
            ReplicasDone = trainRates.Length * sizes.Length * replicas,
            ReplicasTotal = trainRates.Length * sizes.Length * replicas,
            ValidationDropout = "off",
            Cells = cells,
            Lines = lines,
            PhaseDiagrams = diagrams,
        };
    }

    private static string F(double x) => x.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
