using Mentia.Core.Ledger;
using Mentia.Client.Infrastructure;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Grains.Tests;

/// <summary>
/// Real silo processes on loopback, Azure Table membership and blob state in Azurite: losing a silo in
/// the middle of training, and restarting the whole cluster, both end in the same numbers as a one-process run.
/// </summary>
[Collection("azurite")]
public class MultiProcessClusterTests(TestAzurite azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_a_silo_mid_training_loses_no_work_and_counts_every_result_once()
    {
        var expected = SweepFixtures.InProcess(SweepFixtures.Small);
        var clusterId = "kill-" + Guid.NewGuid().ToString("N")[..8];
        var silos = new List<SiloProcess>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                silos.Add(await SiloProcess.StartAsync(azurite.ConnectionString, clusterId));
            }
            await using var client = await ClientAsync(clusterId);
            var id = SweepIds.For("small", SweepFixtures.Small) + "-" + clusterId; // grain state outlives clusters in the shared emulator
            var sweep = client.Client.GetGrain<ISweepControl>(id);
            await sweep.Submit(SweepFixtures.Small);

            // Wait until some silo has a replica in training, then kill that silo.
            SiloProcess? victim = null;
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (victim is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "no replica went into training");
                var training = (await sweep.GetRuns()).Where(r => r.Stage == RunStage.Training && r.Worker is not null).ToList();
                victim = silos.FirstOrDefault(s => training.Any(r => r.Worker!.StartsWith(s.AddressPrefix, StringComparison.Ordinal)));
                await Task.Delay(50);
            }
            victim.Kill();
            output.WriteLine($"killed silo on port {victim.SiloPort}");

            var done = await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(5));
            output.WriteLine(done.ToString());
            foreach (var r in await sweep.GetRuns())
            {
                output.WriteLine($"{r.RunKey}: attempt {r.Attempt}, trainings {r.Trainings}, {r.LastError}");
            }
            Assert.Equal(SweepState.Done, done.State);
            Assert.Equal(12, done.Done);
            Assert.True(done.Retrained >= 1, "the killed silo's replicas were re-dispatched");
            SweepFixtures.AssertSameNumbers(expected, await client.Client.GetGrain<ISweepAnalysisGrain>(id).GetResults(), replicas: 2);
        }
        finally
        {
            foreach (var s in silos)
            {
                if (s.Exited is false)
                {
                    output.WriteLine($"--- silo {s.SiloPort}\n{s.Log}");
                }
                s.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_silo_added_mid_sweep_is_given_training_work()
    {
        // Many replicas through a window of 2, so the sweep is still dispatching when the second silo is up
        // (12 replicas could finish within the seconds a silo process takes to start).
        var spec = SweepFixtures.Small.Replace("replicas: 2", "replicas: 12");
        var expected = SweepFixtures.InProcess(spec);
        var clusterId = "grow-" + Guid.NewGuid().ToString("N")[..8];
        var id = SweepIds.For("small", SweepFixtures.Small) + "-" + clusterId;
        var silos = new List<SiloProcess>();
        try
        {
            // A window of 2: work is handed out as slots free up, not all at once to the silos there at the start.
            silos.Add(await SiloProcess.StartAsync(azurite.ConnectionString, clusterId, dispatchWindow: 2));
            await using var client = await ClientAsync(clusterId);
            var sweep = client.Client.GetGrain<ISweepControl>(id);
            await sweep.Submit(spec);
            var joined = await SiloProcess.StartAsync(azurite.ConnectionString, clusterId, dispatchWindow: 2);
            silos.Add(joined);
            var atJoin = await sweep.GetProgress();
            output.WriteLine($"when the second silo was ready: {atJoin.Done + atJoin.Evaluating} of {atJoin.Replicas} trained");
            Assert.True(atJoin.Queued > 0, "the sweep had dispatched everything before the second silo was up: the test shows nothing");
            var done = await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(5));
            Assert.Equal(SweepState.Done, done.State);
            var replicas = await sweep.GetRuns();
            var onNewSilo = replicas.Count(r => r.Worker is { } s && s.StartsWith(joined.AddressPrefix, StringComparison.Ordinal));
            output.WriteLine($"{onNewSilo} of {replicas.Count} replicas trained on the silo that joined mid-sweep");
            Assert.True(onNewSilo > 0, "the silo that joined mid-sweep trained nothing");
            SweepFixtures.AssertSameNumbers(expected, await client.Client.GetGrain<ISweepAnalysisGrain>(id).GetResults(), replicas: 12);
        }
        finally
        {
            foreach (var s in silos)
            {
                s.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_cluster_restart_resumes_the_sweep_without_retraining_finished_replicas()
    {
        var expected = SweepFixtures.InProcess(SweepFixtures.Small);
        var clusterId = "restart-" + Guid.NewGuid().ToString("N")[..8];
        var id = SweepIds.For("small", SweepFixtures.Small) + "-" + clusterId;
        var silos = new List<SiloProcess>();
        try
        {
            for (int i = 0; i < 2; i++)
            {
                silos.Add(await SiloProcess.StartAsync(azurite.ConnectionString, clusterId));
            }
            HashSet<string> trainedBefore;
            await using (var client = await ClientAsync(clusterId))
            {
                var sweep = client.Client.GetGrain<ISweepControl>(id);
                await sweep.Submit(SweepFixtures.Small);
                var deadline = DateTime.UtcNow.AddMinutes(3);
                while (true)
                {
                    var replicas = await sweep.GetRuns();
                    var trained = replicas.Where(r => r.Stage is RunStage.Evaluating or RunStage.Done).Select(r => r.RunKey).ToHashSet();
                    if (trained.Count >= 4)
                    {
                        trainedBefore = trained;
                        break;
                    }
                    Assert.True(DateTime.UtcNow < deadline, "replicas were not trained in time");
                    await Task.Delay(50);
                }
            }
            Assert.True(trainedBefore.Count < 12, "the restart must come in the middle of the sweep");
            foreach (var s in silos)
            {
                s.Kill();
            }
            silos.Clear();
            output.WriteLine($"restarting with {trainedBefore.Count} replicas trained");

            for (int i = 0; i < 2; i++)
            {
                silos.Add(await SiloProcess.StartAsync(azurite.ConnectionString, clusterId));
            }
            await using (var client = await ClientAsync(clusterId))
            {
                var sweep = client.Client.GetGrain<ISweepControl>(id);
                var done = await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(5));
                Assert.Equal(SweepState.Done, done.State);
                var replicas = (await sweep.GetRuns()).ToDictionary(r => r.RunKey);
                foreach (var key in trainedBefore)
                {
                    Assert.Equal(1, replicas[key].Trainings); // trained once, before the restart, never again
                    Assert.Equal(0, replicas[key].Attempt);
                }
                SweepFixtures.AssertSameNumbers(expected, await client.Client.GetGrain<ISweepAnalysisGrain>(id).GetResults(), replicas: 2);
            }
        }
        finally
        {
            foreach (var s in silos)
            {
                s.Dispose();
            }
        }
    }

    private Task<ClusterConnection> ClientAsync(string clusterId) =>
        ClusterConnection.ConnectAsync(clusterId, clusterId, gateway: null, azurite.ConnectionString);
}
