using Mentia.Client.Infrastructure;
using Mentia.Core.Ledger;
using Mentia.Analysis.Sweeps;
using Mentia.Client.Local;
using Mentia.Core.Data;
using Mentia.Core.Specs;
using Mentia.GrainInterfaces;
using Mentia.TestSupport;
using Mentia.Training;
using Xunit;

namespace Mentia.Grains.Tests;

/// <summary>Small real sweeps, and what the same spec gives when run in one process (the reference the cluster must equal).</summary>
public static class SweepFixtures
{
    /// <summary>12 replicas, seconds of training each: small enough for CI, large enough to kill a silo mid-training.</summary>
    public const string Small = """
        name: small
        seed: 11
        model: {widths: [24], depths: [2]}
        dropout: {p_t: [0.0, 0.5], p_e: [0.0, 0.3, 0.6, 0.9]}
        N: [300, 600, 1200]
        replicas: 2
        passes: 2
        training: {maxEpochs: 4, earlyStopPatience: 2, plateauPatience: 1, validationSize: 1000}
        analysis: {bootstrapResamples: 100}
        """;

    private static readonly Dictionary<string, SweepResults> Reference = [];

    public static SweepResults InProcess(string yaml)
    {
        lock (Reference)
        {
            if (!Reference.TryGetValue(yaml, out var results))
            {
                var spec = SpecReader.Parse(yaml);
                results = new InProcessSweep(spec, yaml, TestMnist.Load(), new EngineOptions("cpu", 1), maxEnsemble: 4).Run();
                Reference[yaml] = results;
            }
            return results;
        }
    }

    /// <summary>Polls until the sweep leaves Running.</summary>
    public static async Task<SweepProgress> WaitUntilFinished(ISweepControl sweep, TimeSpan timeout, Func<SweepProgress, Task>? onPoll = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            SweepProgress p;
            try
            {
                p = await sweep.GetProgress();
            }
            catch (Exception e) when (ClusterPoll.IsTransient(e, CancellationToken.None) && DateTime.UtcNow < deadline)
            {
                // The grain's silo was just lost, or storage was down: a client sees errors until the cluster declares
                // the silo dead or places the grain again (an OperationCanceledException: "message expired before placement").
                await Task.Delay(500);
                continue;
            }
            if (p.State != SweepState.Running)
            {
                return p;
            }
            if (onPoll is not null)
            {
                await onPoll(p);
            }
            Assert.True(DateTime.UtcNow < deadline, $"sweep not finished within {timeout}: {p}");
            await Task.Delay(250);
        }
    }

    /// <summary>Every cell of the reference is in the cluster's results with bit-identical statistics, each run counted once.</summary>
    public static void AssertSameNumbers(SweepResults expected, SweepResults actual, int replicas)
    {
        Assert.Equal(expected.Cells.Count, actual.Cells.Count);
        var byCell = actual.Cells.ToDictionary(c => (c.Width, c.Depth, c.TrainRate, c.EvalRate, c.Size));
        foreach (var c in expected.Cells)
        {
            var a = byCell[(c.Width, c.Depth, c.TrainRate, c.EvalRate, c.Size)];
            Assert.Equal(replicas, a.Statistics.Runs);
            Assert.Equal(c.Statistics, a.Statistics);
        }
        Assert.Equal(expected.Lines.Select(l => l.Alphas.Select(x => x.Fit.Alpha).ToArray()), actual.Lines.Select(l => l.Alphas.Select(x => x.Fit.Alpha).ToArray()));
    }
}
