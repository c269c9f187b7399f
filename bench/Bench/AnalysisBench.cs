using System.Diagnostics;
using System.Globalization;
using Mentia.Analysis.Lines;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Statistics;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;

namespace Mentia.Bench;

/// <summary>
/// Times the analysis of one p_t line of the study's size: 39 p_e (0 to 0.95, step 0.025) x 7 sizes
/// (paper.yaml's N) of cell statistics (BKT-form truth, kappa 0.8, p_c 0.35, 10 runs x 10 passes per
/// cell), analysed with the default settings: alpha and phase per p_e, the transition verdict, the
/// crossing with its 1000-replicate bootstrap, and for BKT and algebraic the window scan (cheap fits
/// over 5 half-widths x 3 size sets), the chosen window's full fit with global and zoomed chi2 maps,
/// and the crossing-drift extrapolation. Single-threaded code; pin it to one core
/// with taskset to measure "on one core". Also times a 1000-resample snapshot of one cell.
/// Options: --repeats K (default 7).
/// </summary>
public static class AnalysisBench
{
    public static void Run(string[] args)
    {
        int repeats = 7;
        for (int i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--repeats")
            {
                repeats = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }

        var (input, accumulators) = BuildLine(seed: 1);
        var settings = new AnalysisSettings();

        // Warm-up: JIT and tiered compilation, not part of the figure.
        LineAnalysis.Analyze(input, settings, seed: 1);

        var times = new List<double>();
        LineResult? result = null;
        for (int r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            result = LineAnalysis.Analyze(input, settings, seed: 1);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();

        var snapshotTimes = new List<double>();
        for (int r = 0; r < 20; r++)
        {
            var acc = new CellAccumulator(accumulators[r % accumulators.Count].Runs);
            var sw = Stopwatch.StartNew();
            acc.Snapshot(1000, (ulong)r);
            snapshotTimes.Add(sw.Elapsed.TotalMilliseconds);
        }
        snapshotTimes.Sort();

        Console.WriteLine("analysis: one p_t line, 39 p_e x 7 N = 273 cells (10 runs x 10 passes each), default settings");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  line analysis (alpha x39, transition, crossing 1000 replicates, BKT + algebraic: window scan, full fit with chi2 maps, drift): median {times[times.Count / 2]:F1} ms, min {times[0]:F1} ms over {repeats} runs"));
        Console.WriteLine($"    transition: {result!.Transition?.Reason}");
        foreach (var fss in result.Scaling)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {fss.Ansatz}: pc {fss.Pc:F4} [{fss.PcLow:F4}, {fss.PcHigh:F4}], {fss.ExponentName} {fss.Exponent:F3} [{fss.ExponentLow:F3}, {fss.ExponentHigh:F3}], chi2 {fss.Chi2:F2}, {fss.Points} points in [{fss.WindowLow:F3}, {fss.WindowHigh:F3}] ({fss.WindowSource}, {fss.Scan.Count} scan fits), flags [{string.Join(", ", fss.Flags)}]"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    crossing: p_e {result.Crossing.EvalRate:F4} +- {result.Crossing.EvalRateErr:F4}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  cell snapshot (10 runs x 10 passes, B = 1000): median {snapshotTimes[snapshotTimes.Count / 2]:F3} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  target: line analysis under 1000 ms on one core: {(times[times.Count / 2] < 1000 ? "met" : "NOT met")}"));
    }

    private static (LineInput Input, List<CellAccumulator> Accumulators) BuildLine(ulong seed)
    {
        const double pc = 0.35, kappa = 0.8;
        int[] sizes = [500, 1000, 2000, 5000, 10000, 20000, 50000];
        var rates = Enumerable.Range(0, 39).Select(k => 0.025 * k).ToArray();
        var mid = Math.Sqrt(sizes[0] * (double)sizes[^1]);
        var s = 0.05 * Math.Exp(Ansatz.LogScale(FssAnsatz.Bkt, mid, 1.0) / kappa);
        var rng = new DeterministicRandom(seed);
        var cells = new List<LineCell>();
        var accumulators = new List<CellAccumulator>();
        foreach (var n in sizes)
        {
            foreach (var p in rates)
            {
                var truth = 1.2 + 0.8 * Math.Tanh(Ansatz.X(FssAnsatz.Bkt, p, n, pc, kappa, 1.0) / s);
                var acc = new CellAccumulator();
                for (int r = 0; r < 10; r++)
                {
                    var effect = 0.03 * rng.NextGaussian();
                    var losses = Enumerable.Range(0, 10).Select(_ => truth + effect + 0.01 * rng.NextGaussian()).ToArray();
                    acc.Record($"r{r}", losses, losses.Select(l => 1 - l / 3).ToArray());
                }
                accumulators.Add(acc);
                cells.Add(new LineCell(p, n, acc.Snapshot(1000, (ulong)cells.Count)));
            }
        }
        return (new LineInput(new Architecture(100, 2), 0.1, cells), accumulators);
    }
}
