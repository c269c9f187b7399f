// Over 250 lines on purpose: the projection is one measurement protocol (train samples, evaluation, analysis,
// then the checked run) whose parts share their spec, data and printing; split up it would be harder to audit.
using System.Diagnostics;
using System.Globalization;
using Mentia.Analysis.Statistics;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Data;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.Training;

namespace Mentia.Bench;

/// <summary>
/// `bench paper`: the projected wall time of whole specs on this machine, from measurements on real MNIST, and a
/// check of the projection against a measured `mentia run`.
/// <para>
/// Per spec and architecture, at every N: an ensemble of <c>--members</c> (default 16, `mentia run`'s ensemble size) of the spec's own runs
/// (same seeds: p_t spread over up to 4 of the spec's values, then replicas) trained with the spec's training
/// settings and real early stopping; its wall time, and the part spent in validation (<see cref="EnsembleTrainer.ValidationTime"/>),
/// give seconds per member-epoch for training and for validation and the mean epochs a run takes at that N. The
/// projection of that N: runs x mean epochs x seconds per member-epoch. Evaluation: one trained model evaluated at
/// all the spec's p_e with <c>--eval-passes</c> passes, turned into FLOP/s by <see cref="WorkCost.EvaluationAsComputed"/>
/// and projected with the same count at the spec's passes. Analysis: the spec's whole grid of cells (synthetic
/// losses, the spec's replicas and passes) snapshotted and analysed as `mentia run` does at its end. Start-up:
/// this process' MNIST load. Cluster overhead: the one-process total times (<c>--cluster-ratio</c> - 1), default
/// 1.08, the cluster-vs-one-process ratio of a running silo (BENCHMARKS.md, "Cluster").
/// </para>
/// <para>
/// The first spec's smallest N is also trained with validation member by member (<see cref="EnsembleTrainer.BatchedValidation"/>
/// off): validation's share of the ensemble's time before and after batching, and whether every loss is equal
/// (<c>--no-compare</c> skips it).
/// <c>--check SPEC</c> projects SPEC and then runs `mentia run SPEC` (src/Client's Release build) in a child process,
/// printing the measured wall time and projected/measured. <c>--reference</c>: one cell's whole protocol against
/// the PyTorch reference (<see cref="ReferenceCell"/>). Usage: <c>bench paper [SPEC ...] [--check SPEC]
/// [--threads 2] [--members 16] [--eval-passes 5] [--cluster-ratio 1.08] [--reference] [--no-compare]</c>; specs default to examples/paper.yaml.
/// </para>
/// </summary>
public static class PaperProjection
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>One spec's projected seconds, by part, on this machine in one process.</summary>
    private sealed record Projection(double Training, double Validation, double Evaluation, double Analysis, double Startup)
    {
        public double OneProcess => Training + Validation + Evaluation + Analysis + Startup;
    }

    public static void Run(string[] args)
    {
        int threads = IntArg(args, "--threads", 2);
        int members = IntArg(args, "--members", 16);
        int evalPasses = IntArg(args, "--eval-passes", 5);
        double clusterRatio = double.Parse(StringArg(args, "--cluster-ratio") ?? "1.08", Inv);
        string? check = StringArg(args, "--check");
        var valued = new HashSet<string> { "--threads", "--members", "--eval-passes", "--cluster-ratio", "--check" };
        // Flags without a value: --reference, --no-compare.
        var specs = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !valued.Contains(args[i - 1]))).ToList();
        if (specs.Count == 0 && check is null)
        {
            specs.Add("examples/paper.yaml");
        }
        var root = BenchPaths.Root();
        var options = new EngineOptions("cpu", threads);
        TorchRuntime.SetThreads(threads);
        var load = Stopwatch.StartNew();
        var data = MnistDataset.Load(BenchPaths.MnistFolder());
        double startup = load.Elapsed.TotalSeconds;
        Console.WriteLine($"# Paper projection: {Environment.ProcessorCount} logical CPUs, {threads} threads, {members} members per sampled ensemble, load average {BenchPaths.LoadAverage()}; MNIST load {startup:F2} s");
        bool compared = args.Contains("--no-compare");
        foreach (var path in specs)
        {
            var p = Project(Path.Combine(root, path), data, options, members, evalPasses, startup, compareValidation: !compared);
            compared = true;
            PrintTotal(path, p, clusterRatio);
        }
        if (check is not null)
        {
            var p = Project(Path.Combine(root, check), data, options, members, evalPasses, startup, compareValidation: !compared);
            PrintTotal(check, p, clusterRatio);
            Console.WriteLine($"# measured run of {check} starts, load average {BenchPaths.LoadAverage()}");
            double actual = MeasuredRun(root, check);
            Console.WriteLine(string.Create(Inv, $"check {check}: projected {p.OneProcess:F0} s (one process), measured `mentia run` {actual:F0} s: projected/measured = {p.OneProcess / actual:F2} (target within 0.80-1.20); load average {BenchPaths.LoadAverage()}"));
        }
        if (args.Contains("--reference"))
        {
            ReferenceCell(Path.Combine(root, specs.Count > 0 ? specs[0] : check!), data, options, threads);
        }
        Console.WriteLine($"# load average at the end {BenchPaths.LoadAverage()}");
    }

    /// <summary>
    /// One cell's whole protocol (one run: training with early stopping, then the spec's passes at every p_e), by Mentia
    /// (the ensemble trainer with one member, the evaluator) and by the PyTorch reference (bench/reference/run.sh train),
    /// at the spec's middle N and a middle p_t. The two draw different random numbers, so early stopping may end them
    /// at different epochs: the ratio is printed for the whole protocol and per epoch.
    /// </summary>
    private static void ReferenceCell(string path, MnistDataset data, EngineOptions options, int threads)
    {
        var spec = SpecReader.ReadFile(path);
        var s = spec.Training;
        int n = spec.Sizes[spec.Sizes.Count / 2];
        double pt = spec.TrainRates[spec.TrainRates.Count / 4];
        var arch = new Architecture(spec.Widths[0], spec.Depths[0]);
        var run = new TrainingRun(arch, pt, n, 0, Seeds.Training(spec.Seed, arch.Width, arch.Depth, pt, n, 0));
        var sw = Stopwatch.StartNew();
        var model = EnsembleTrainer.Train([run], s, data, options, default)[0];
        double train = sw.Elapsed.TotalSeconds;
        sw.Restart();
        DropoutEvaluator.Evaluate(model.Weights, data.Test, spec.EvalRates, spec.Passes, run.Seed, options, default);
        double eval = sw.Elapsed.TotalSeconds;
        int epochs = model.Outcome.EpochsRun;
        var rates = string.Join(",", spec.EvalRates.Select(r => r.ToString("R", Inv)));
        var psi = new ProcessStartInfo("bash", [Path.Combine(BenchPaths.Root(), "bench", "reference", "run.sh"), "train", "--threads", threads.ToString(Inv),
            "--width", arch.Width.ToString(Inv), "--depth", arch.Depth.ToString(Inv), "--p", pt.ToString("R", Inv), "--n", n.ToString(Inv),
            "--validation", s.ValidationSize.ToString(Inv), "--batch", s.BatchSize.ToString(Inv), "--max-epochs", s.MaxEpochs.ToString(Inv),
            "--plateau-patience", s.PlateauPatience.ToString(Inv), "--early-stop-patience", s.EarlyStopPatience.ToString(Inv),
            "--passes", spec.Passes.ToString(Inv), "--eval-rates", rates])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["MENTIA_MNIST_DIR"] = BenchPaths.MnistFolder();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        var line = stdout.Result.Split('\n').LastOrDefault(l => l.Contains("train_seconds", StringComparison.Ordinal));
        Console.WriteLine(string.Create(Inv,
            $"one cell of {Path.GetFileName(path)} (w{arch.Width} d{arch.Depth}, N {n}, p_t {pt}, {spec.EvalRates.Count} p_e x {spec.Passes} passes): Mentia train {train:F1} s ({epochs} epochs, {train / epochs:F2} s/epoch) + evaluation {eval:F1} s = {train + eval:F1} s; load {BenchPaths.LoadAverage()}"));
        if (p.ExitCode != 0 || line is null)
        {
            Console.WriteLine($"  PyTorch reference: failed or not installed (exit {p.ExitCode}): {stderr.Result.Trim()}");
            return;
        }
        using var doc = System.Text.Json.JsonDocument.Parse(line);
        var r = doc.RootElement;
        double pyTrain = r.GetProperty("train_seconds").GetDouble(), pyEval = r.GetProperty("eval_seconds").GetDouble();
        int pyEpochs = r.GetProperty("epochs").GetInt32();
        Console.WriteLine(string.Create(Inv,
            $"  PyTorch reference ({stderr.Result.Trim().Replace('\n', ' ')}): train {pyTrain:F1} s ({pyEpochs} epochs, {pyTrain / pyEpochs:F2} s/epoch) + evaluation {pyEval:F1} s = {pyTrain + pyEval:F1} s; " +
            $"Mentia/PyTorch speed: whole protocol {(pyTrain + pyEval) / (train + eval):F2}x, training per epoch {pyTrain / pyEpochs / (train / epochs):F2}x, evaluation {pyEval / eval:F2}x; load {BenchPaths.LoadAverage()}"));
    }

    private static Projection Project(string path, MnistDataset data, EngineOptions options, int members, int evalPasses, double startup, bool compareValidation)
    {
        var spec = SpecReader.ReadFile(path);
        var s = spec.Training;
        var lower = SweepCost.LowerBound(spec);
        Console.WriteLine(string.Create(Inv, $"## {Path.GetFileName(path)}: {SweepGrid.Runs(spec).Count} trainings, {SweepGrid.EvaluationPasses(spec):N0} evaluation passes; lower bound of the work (SweepCost) {lower.TrainingFlops / 1e12:F2} TFLOP training (min epochs), {lower.EvaluationFlops / 1e12:F2} TFLOP evaluation"));
        var sample = SampleRates(spec.TrainRates);
        double training = 0, validation = 0, evaluation = 0;
        foreach (var width in spec.Widths)
        foreach (var depth in spec.Depths)
        {
            var arch = new Architecture(width, depth);
            int runsPerSize = spec.TrainRates.Count * spec.Replicas;
            TrainedModel? trained = null;
            foreach (var n in spec.Sizes)
            {
                var runs = Enumerable.Range(0, members).Select(i =>
                {
                    double pt = sample[i % sample.Count];
                    int replica = i / sample.Count;
                    return new TrainingRun(arch, pt, n, replica, Seeds.Training(spec.Seed, width, depth, pt, n, replica));
                }).ToList();
                if (compareValidation)
                {
                    CompareValidation(runs, s, data, options);
                    compareValidation = false;
                }
                var (models, wall, val) = TrainTimed(runs, s, data, options);
                trained ??= models[0];
                int epochs = models.Sum(m => m.Outcome.EpochsRun);
                double meanEpochs = (double)epochs / members;
                double trainPerEpoch = (wall - val) / epochs, valPerEpoch = val / epochs;
                training += runsPerSize * meanEpochs * trainPerEpoch;
                validation += runsPerSize * meanEpochs * valPerEpoch;
                double flops = epochs * WorkCost.Epoch(runs[0], s) / wall;
                Console.WriteLine(string.Create(Inv,
                    $"  w{width} d{depth} N {n,6}: {members} members (p_t {string.Join(",", sample)}), epochs mean {meanEpochs:F1} (min {models.Min(m => m.Outcome.EpochsRun)}, max {models.Max(m => m.Outcome.EpochsRun)}), " +
                    $"{wall:F1} s, validation {val / wall:P0}; per member-epoch train {trainPerEpoch * 1e3:F1} ms + validation {valPerEpoch * 1e3:F1} ms (validation {2.0 * WorkCost.Parameters(arch) * s.ValidationSize / valPerEpoch / 1e9:F1} GFLOP/s, all {flops / 1e9:F1} GFLOP/s by WorkCost); " +
                    $"projected {runsPerSize} runs: {runsPerSize * meanEpochs * (trainPerEpoch + valPerEpoch):F0} s; load {BenchPaths.LoadAverage()}"));
            }
            evaluation += runsPerSize * spec.Sizes.Count * EvaluationSeconds(trained!, spec, data, options, evalPasses);
        }
        double analysis = AnalysisSeconds(spec);
        return new Projection(training, validation, evaluation, analysis, startup);
    }

    /// <summary>Up to four of the spec's p_t, spread over its range (first, last and between).</summary>
    private static List<double> SampleRates(IReadOnlyList<double> rates)
    {
        int k = Math.Min(4, rates.Count);
        return Enumerable.Range(0, k).Select(i => rates[k == 1 ? 0 : (int)Math.Round(i * (rates.Count - 1) / (double)(k - 1))]).Distinct().ToList();
    }

    private static (IReadOnlyList<TrainedModel> Models, double Wall, double Validation) TrainTimed(IReadOnlyList<TrainingRun> runs, TrainingSettings settings, MnistDataset data, EngineOptions options)
    {
        var v0 = EnsembleTrainer.ValidationTime;
        var sw = Stopwatch.StartNew();
        var models = EnsembleTrainer.Train(runs, settings, data, options, default);
        double wall = sw.Elapsed.TotalSeconds;
        return (models, wall, (EnsembleTrainer.ValidationTime - v0).TotalSeconds);
    }

    /// <summary>The same ensemble with validation member by member and batched: validation's share of each, and whether every epoch's loss is equal.</summary>
    private static void CompareValidation(IReadOnlyList<TrainingRun> runs, TrainingSettings settings, MnistDataset data, EngineOptions options)
    {
        EnsembleTrainer.Train(runs.Select(r => r with { Size = 256 }).ToList(), settings with { MaxEpochs = 2 }, data, options, default); // warm-up
        EnsembleTrainer.BatchedValidation = false;
        var (before, wallBefore, valBefore) = TrainTimed(runs, settings, data, options);
        EnsembleTrainer.BatchedValidation = true;
        var (after, wallAfter, valAfter) = TrainTimed(runs, settings, data, options);
        bool equal = before.Zip(after).All(p => p.First.Outcome.Curve.Select(c => c.ValidationLoss).SequenceEqual(p.Second.Outcome.Curve.Select(c => c.ValidationLoss)));
        Console.WriteLine(string.Create(Inv,
            $"  validation at N {runs[0].Size} ({runs.Count} members, {before.Sum(m => m.Outcome.EpochsRun)} member-epochs): one by one {valBefore:F1} s of {wallBefore:F1} s ({valBefore / wallBefore:P0}), " +
            $"batched {valAfter:F1} s of {wallAfter:F1} s ({valAfter / wallAfter:P0}); validation {valBefore / valAfter:F2}x, ensemble {wallBefore / wallAfter:F2}x; every validation loss equal: {(equal ? "yes" : "NO")}; load {BenchPaths.LoadAverage()}"));
    }

    /// <summary>Seconds to evaluate one run at the spec's p_e and passes, from a timed evaluation at evalPasses passes scaled by WorkCost's count.</summary>
    private static double EvaluationSeconds(TrainedModel model, SweepSpec spec, MnistDataset data, EngineOptions options, int evalPasses)
    {
        var arch = model.Weights.Architecture;
        DropoutEvaluator.Evaluate(model.Weights, data.Test, [spec.EvalRates[^1]], 1, model.Weights.Seed, options, default); // warm-up
        var sw = Stopwatch.StartNew();
        DropoutEvaluator.Evaluate(model.Weights, data.Test, spec.EvalRates, evalPasses, model.Weights.Seed, options, default);
        double t = sw.Elapsed.TotalSeconds;
        double flopsPerSecond = WorkCost.EvaluationAsComputed(arch, spec.EvalRates.Count, evalPasses) / t;
        double perRun = WorkCost.EvaluationAsComputed(arch, spec.EvalRates.Count, spec.Passes) / flopsPerSecond;
        Console.WriteLine(string.Create(Inv,
            $"  evaluation w{arch.Width} d{arch.Depth}: {spec.EvalRates.Count} p_e x {evalPasses} passes in {t:F2} s = {spec.EvalRates.Count * evalPasses / t:F1} passes/s ({flopsPerSecond / 1e9:F1} GFLOP/s by WorkCost); " +
            $"one run at {spec.Passes} passes: {perRun:F1} s; load {BenchPaths.LoadAverage()}"));
        return perRun;
    }

    /// <summary>Seconds of `mentia run`'s analysis for the spec's grid: every cell's snapshot (spec's bootstrap) and every line and diagram, on synthetic losses.</summary>
    private static double AnalysisSeconds(SweepSpec spec)
    {
        var rng = new Random(1);
        var accumulators = new Dictionary<Cell, CellAccumulator>();
        foreach (var cell in SweepGrid.Cells(spec))
        {
            // A smooth loss surface with a rise in p_e that sharpens with N, replica and pass noise: the fits have something to fit.
            double truth = 0.3 + 2.0 / (1 + Math.Exp(-(cell.EvalRate - 0.5 - cell.TrainRate / 4) * Math.Log(cell.Size)));
            var acc = new CellAccumulator();
            for (int r = 0; r < spec.Replicas; r++)
            {
                double effect = 0.03 * (rng.NextDouble() - 0.5);
                var losses = Enumerable.Range(0, spec.Passes).Select(_ => truth + effect + 0.01 * (rng.NextDouble() - 0.5)).ToArray();
                acc.Record($"r{r}", losses, losses.Select(l => 1 - l / 3).ToArray());
            }
            accumulators[cell] = acc;
        }
        var sw = Stopwatch.StartNew();
        var cells = accumulators.Select(c => CellSnapshot.Result(spec, c.Key, c.Value)).ToList();
        double snapshots = sw.Elapsed.TotalSeconds;
        SweepAnalyzer.Analyze(spec, cells);
        double total = sw.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(Inv, $"  analysis: {cells.Count} cells snapshotted in {snapshots:F1} s, lines and diagrams in {total - snapshots:F1} s; load {BenchPaths.LoadAverage()}"));
        return total;
    }

    private static void PrintTotal(string spec, Projection p, double clusterRatio)
    {
        double cluster = p.OneProcess * (clusterRatio - 1);
        string H(double seconds) => seconds >= 3600 ? $"{seconds / 3600:F2} h" : seconds >= 60 ? $"{seconds / 60:F1} min" : $"{seconds:F1} s";
        Console.WriteLine(string.Create(Inv,
            $"projection {spec}: one process {H(p.OneProcess)} = training {H(p.Training)} ({p.Training / p.OneProcess:P0}) + validation {H(p.Validation)} ({p.Validation / p.OneProcess:P0}) + " +
            $"evaluation {H(p.Evaluation)} ({p.Evaluation / p.OneProcess:P0}) + analysis {H(p.Analysis)} + start-up {H(p.Startup)}; " +
            $"on the local cluster x{clusterRatio:F2}: {H(p.OneProcess + cluster)} (cluster overhead {H(cluster)})"));
    }

    /// <summary>Wall seconds of `mentia run spec` in a child process (the CLI's Release build), MNIST from the same folder.</summary>
    private static double MeasuredRun(string root, string spec)
    {
        var cli = Path.Combine(root, "src", "Client", "bin", "Release", "net10.0", "mentia.dll");
        var output = Path.Combine(Path.GetTempPath(), $"mentia-projection-check-{Environment.ProcessId}");
        var psi = new ProcessStartInfo("dotnet", [cli, "run", Path.Combine(root, spec), "--out", output, "--mnist", BenchPaths.MnistFolder()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        double wall = sw.Elapsed.TotalSeconds;
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"mentia run {spec} failed (exit {p.ExitCode}): {stderr.Result.Trim()}");
        }
        var tail = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3);
        Console.WriteLine($"# mentia run {spec}: exit 0, {string.Join(" | ", tail)}");
        Directory.Delete(output, recursive: true);
        return wall;
    }

    private static int IntArg(string[] args, string name, int fallback) => StringArg(args, name) is { } v ? int.Parse(v, Inv) : fallback;

    private static string? StringArg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
