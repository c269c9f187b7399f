using Mentia.Client.Local;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Xunit;

namespace Mentia.Client.Tests.Local;

/// <summary>
/// The progress of a local run, simulated with a machine of constant speed per phase (FLOPs per second, training
/// slower than evaluation): the ETA is exact once runs stop as the stopped ones did and a run has been evaluated,
/// and errs long before any has stopped.
/// </summary>
public class RunProgressTests
{
    private const double TrainingFlopsPerSecond = 5e9, EvaluationFlopsPerSecond = 2e10;

    private static readonly SweepSpec Spec = SpecReader.Parse("""
        name: t
        seed: 1
        model: {widths: [32], depths: [2]}
        dropout: {p_t: [0.0, 0.5], p_e: [0.0, 0.3, 0.6]}
        N: [200, 800]
        replicas: 2
        passes: 4
        training: {maxEpochs: 40, validationSize: 1000}
        """);

    /// <summary>Every run trains <paramref name="epochs"/> epochs, then is evaluated; the clock is the work done at <see cref="FlopsPerSecond"/>.</summary>
    private sealed class Machine
    {
        public RunProgress Progress { get; } = new(Spec);
        public double Seconds { get; private set; }
        public TimeSpan Elapsed => TimeSpan.FromSeconds(Seconds);

        public void Train(TrainingRun run, int epochs, Action<Machine>? afterEpoch = null)
        {
            for (int e = 1; e <= epochs; e++)
            {
                Seconds += WorkCost.Epoch(run, Spec.Training) / TrainingFlopsPerSecond;
                Progress.EpochEnded(run, e, stopped: e == epochs, Elapsed);
                afterEpoch?.Invoke(this);
            }
        }

        public void Evaluate(TrainingRun run)
        {
            Seconds += WorkCost.EvaluationAsComputed(run.Architecture, Spec.EvalRates.Count, Spec.Passes) / EvaluationFlopsPerSecond;
            Progress.Evaluated(run, Elapsed);
        }
    }

    private static double TotalSeconds(int epochs)
    {
        var m = new Machine();
        foreach (var run in SweepGrid.Runs(Spec))
        {
            m.Train(run, epochs);
            m.Evaluate(run);
        }
        return m.Seconds;
    }

    [Fact]
    public void Nothing_done_means_no_eta_and_no_fraction()
    {
        var p = new RunProgress(Spec);
        Assert.Null(p.Eta());
        Assert.Equal(0, p.Fraction);
        Assert.Equal(8, p.RunsTotal);
        Assert.Equal(8L * 3 * 4, p.PassesTotal);
    }

    [Fact]
    public void Once_a_run_has_stopped_and_been_evaluated_the_eta_is_exact_when_the_rest_stop_alike()
    {
        const int epochs = 12;
        var total = TotalSeconds(epochs);
        var m = new Machine();
        var runs = SweepGrid.Runs(Spec);
        for (int i = 0; i < runs.Count; i++)
        {
            m.Train(runs[i], epochs);
            m.Evaluate(runs[i]);
            var eta = m.Progress.Eta()!.Value.TotalSeconds;
            Assert.Equal(total - m.Seconds, eta, 1e-6 * total);
        }
        Assert.Equal(1.0, m.Progress.Fraction, 12);
        Assert.Equal(0.0, m.Progress.Eta()!.Value.TotalSeconds, 9);
        Assert.Equal(runs.Count * epochs, m.Progress.Epochs);
        Assert.Equal(m.Progress.PassesTotal, m.Progress.PassesDone);
    }

    [Fact]
    public void Before_any_run_stops_the_eta_errs_long_never_short()
    {
        const int epochs = 12;
        var total = TotalSeconds(epochs);
        var m = new Machine();
        var first = SweepGrid.Runs(Spec)[0];
        var etas = new List<(double Eta, double TrueRemaining)>();
        m.Train(first, epochs, after => etas.Add((after.Progress.Eta()!.Value.TotalSeconds, total - after.Seconds)));
        // Until the first run stops, every run is expected to take maxEpochs (40 > 12); until one is evaluated, evaluation
        // is expected at the training rate (4 times slower than it is here): both err long.
        Assert.All(etas, e => Assert.True(e.Eta > e.TrueRemaining, $"ETA {e.Eta} s is short of {e.TrueRemaining} s"));
        Assert.Equal(epochs, m.Progress.ExpectedEpochs);
        m.Evaluate(first);
        Assert.Equal(total - m.Seconds, m.Progress.Eta()!.Value.TotalSeconds, 1e-6 * total);
    }

    [Fact]
    public void Larger_training_sets_weigh_more()
    {
        var runs = SweepGrid.Runs(Spec);
        var small = runs.First(r => r.Size == 200);
        var large = runs.First(r => r.Size == 800);
        var a = new RunProgress(Spec);
        a.EpochEnded(small, 1, stopped: false, TimeSpan.FromSeconds(1));
        var b = new RunProgress(Spec);
        b.EpochEnded(large, 1, stopped: false, TimeSpan.FromSeconds(1));
        Assert.True(b.Fraction > a.Fraction);
        Assert.Equal(1, a.Epochs);
    }
}
