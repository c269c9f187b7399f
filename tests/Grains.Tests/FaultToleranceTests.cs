using Mentia.Tooling;
using System.Diagnostics;
using Mentia.Client.Infrastructure;
using Mentia.Core.Data;
using Mentia.Core.Ledger;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Mentia.Storage;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Grains.Tests;

/// <summary>
/// Faults an operator meets, with real silo processes and Azurite on loopback: each sweep must end done,
/// within a time bound, with the numbers of a one-process run. (Killing a silo mid-training and restarting
/// the whole cluster are in <see cref="MultiProcessClusterTests"/>.)
/// </summary>
[Collection("azurite")]
public class FaultToleranceTests(TestAzurite azurite, ITestOutputHelper output)
{
    /// <summary>Deadlines and delivery retries short enough for a test (the defaults are minutes).</summary>
    private static readonly Dictionary<string, string> Impatient = new()
    {
        ["MENTIA_WORK_GRACE_SECONDS"] = "15",
        ["MENTIA_DELIVERY_RETRIES"] = "3",
    };

    [Fact]
    public async Task Killing_the_silo_that_hosts_the_sweep_grain_during_evaluation_loses_nothing_and_status_answers_again_soon()
    {
        var expected = SweepFixtures.InProcess(SweepFixtures.Small);
        var clusterId = "host-" + Guid.NewGuid().ToString("N")[..8];
        var id = SweepIds.For("small", SweepFixtures.Small) + "-" + clusterId;
        var silos = new List<SiloProcess>();
        try
        {
            await StartSilos(silos, 2, azurite.ConnectionString, clusterId);
            await using var client = await ClientAsync(azurite.ConnectionString, clusterId);
            var sweep = client.Client.GetGrain<ISweepControl>(id);
            await sweep.Submit(SweepFixtures.Small);
            await WaitFor(sweep, p => p.Evaluating > 0 || p.Done > 0, "no run reached evaluation");
            var host = await client.Client.GetGrain<IManagementGrain>(0).GetActivationAddress((IAddressable)sweep)
                ?? throw new InvalidOperationException("the sweep grain is not active");
            var victim = silos.Single(s => host.ToString().StartsWith(s.AddressPrefix, StringComparison.Ordinal));
            var before = await sweep.GetProgress();
            victim.Kill();
            output.WriteLine($"killed the sweep grain's silo {host} at {before}");

            // `mentia status` must work again once the cluster has declared the silo dead (seconds here), not minutes.
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    await sweep.GetProgress().WaitAsync(TimeSpan.FromSeconds(5));
                    break;
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"status still failing {clock.Elapsed} after the kill: {e.Message}");
                    await Task.Delay(500);
                }
            }
            output.WriteLine($"status answered again {clock.Elapsed.TotalSeconds:0.0} s after the kill");

            var done = await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(5));
            Assert.Equal(SweepState.Done, done.State);
            SweepFixtures.AssertSameNumbers(expected, await client.Client.GetGrain<ISweepAnalysisGrain>(id).GetResults(), replicas: 2);
        }
        finally
        {
            Dispose(silos);
        }
    }

    [Fact]
    public async Task Storage_down_for_longer_than_the_retry_budget_stalls_the_sweep_only_until_it_is_back()
    {
        var expected = SweepFixtures.InProcess(SweepFixtures.Small);
        // A storage of this test's own, so stopping it touches no other test.
        var location = RepoPaths.NewTempFolder("azurite-outage");
        var storage = AzuriteHost.Start(TestAzurite.ToolsFolder, location);
        var endpoint = storage.Endpoint;
        var clusterId = "outage-" + Guid.NewGuid().ToString("N")[..8];
        var id = SweepIds.For("small", SweepFixtures.Small) + "-" + clusterId;
        var silos = new List<SiloProcess>();
        try
        {
            await StartSilos(silos, 2, endpoint.ConnectionString, clusterId);
            await using var client = await ClientAsync(endpoint.ConnectionString, clusterId);
            var sweep = client.Client.GetGrain<ISweepControl>(id);
            await sweep.Submit(SweepFixtures.Small);
            await WaitFor(sweep, p => p.Evaluating + p.Done >= 2, "no run was trained");

            // A clean stop (SIGTERM: Azurite writes what it acknowledged), 30 s down: far past 3 delivery retries.
            Stop(storage);
            output.WriteLine($"storage stopped at {await sweep.GetProgress()}");
            await Task.Delay(TimeSpan.FromSeconds(30));
            storage = AzuriteHost.Start(TestAzurite.ToolsFolder, location, endpoint);
            output.WriteLine($"storage back at {await ClusterPoll.CallAsync(sweep.GetProgress, null, CancellationToken.None)}");

            var done = await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(5));
            foreach (var r in await sweep.GetRuns())
            {
                output.WriteLine($"{r.RunKey}: attempt {r.Attempt}, trainings {r.Trainings}, {r.LastError}");
            }
            Assert.Equal(SweepState.Done, done.State);
            SweepFixtures.AssertSameNumbers(expected, await client.Client.GetGrain<ISweepAnalysisGrain>(id).GetResults(), replicas: 2);
        }
        finally
        {
            Dispose(silos);
            storage.Dispose();
        }
    }

    [Fact]
    public async Task A_silo_whose_MNIST_fails_its_hash_ends_the_sweep_failed_with_the_reason_and_reports_not_ready()
    {
        var broken = MnistCopies.WithBroken("mnist-bad-silo", MnistFiles.TrainImages, bytes =>
        {
            bytes[bytes.Length / 3] ^= 0x21;
            return bytes;
        });
        // A storage of its own with no datasets uploaded: the silo cannot fetch a good copy either.
        using var storage = AzuriteHost.Start(TestAzurite.ToolsFolder, RepoPaths.NewTempFolder("azurite-nodata"));
        var clusterId = "baddata-" + Guid.NewGuid().ToString("N")[..8];
        var id = SweepIds.For("small", SweepFixtures.Small) + "-" + clusterId;
        var silos = new List<SiloProcess>();
        try
        {
            silos.Add(await SiloProcess.StartAsync(storage.Endpoint.ConnectionString, clusterId,
                environment: new Dictionary<string, string>(Impatient) { ["MENTIA_MNIST_DIR"] = broken }, waitFor: "startup"));
            await using var client = await ClientAsync(storage.Endpoint.ConnectionString, clusterId);
            var sweep = client.Client.GetGrain<ISweepControl>(id);
            await sweep.Submit(SweepFixtures.Small);
            var ended = await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(3));
            output.WriteLine(ended.ToString());
            Assert.Equal(SweepState.Failed, ended.State);
            Assert.Contains("SHA-256 mismatch", ended.Message);

            using var http = new HttpClient();
            var ready = await http.GetAsync($"http://127.0.0.1:{silos[0].HttpPort}/health/ready", TestContext.Current.CancellationToken);
            var body = await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            output.WriteLine(body);
            Assert.False(ready.IsSuccessStatusCode);
            Assert.Contains("MNIST unusable", body);
        }
        finally
        {
            Dispose(silos);
        }
    }

    [Fact]
    public async Task A_cancelled_sweep_resumed_on_real_silos_keeps_its_finished_runs_and_ends_with_identical_numbers()
    {
        var expected = SweepFixtures.InProcess(SweepFixtures.Small);
        var clusterId = "resume-" + Guid.NewGuid().ToString("N")[..8];
        var id = SweepIds.For("small", SweepFixtures.Small) + "-" + clusterId;
        var silos = new List<SiloProcess>();
        try
        {
            await StartSilos(silos, 2, azurite.ConnectionString, clusterId);
            await using var client = await ClientAsync(azurite.ConnectionString, clusterId);
            var sweep = client.Client.GetGrain<ISweepControl>(id);
            await sweep.Submit(SweepFixtures.Small);
            await WaitFor(sweep, p => p.Evaluating + p.Done >= 2, "no run was trained");
            await sweep.Cancel();
            var cancelled = await sweep.GetProgress();
            Assert.Equal(SweepState.Cancelled, cancelled.State);
            Assert.True(cancelled.Done < 12, "the cancel must come before the end");
            await Task.Delay(TimeSpan.FromSeconds(3)); // work in flight reports and is kept (trainings; evaluations are not dispatched)
            var stopped = await sweep.GetProgress();
            Assert.Equal(SweepState.Cancelled, stopped.State);
            output.WriteLine($"at the resume: {stopped}");
            var trainedBefore = (await sweep.GetRuns()).Where(r => r.Trainings > 0).Select(r => r.RunKey).ToList();
            Assert.True(trainedBefore.Count >= 2);

            var resumed = await sweep.Resume();
            output.WriteLine(resumed.ToString());
            Assert.True(resumed.Plan.Resumed);
            var done = await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(4));
            Assert.Equal(SweepState.Done, done.State);
            var runs = (await sweep.GetRuns()).ToDictionary(r => r.RunKey);
            Assert.All(trainedBefore, key => Assert.Equal(1, runs[key].Trainings)); // nothing finished is redone
            SweepFixtures.AssertSameNumbers(expected, await client.Client.GetGrain<ISweepAnalysisGrain>(id).GetResults(), replicas: 2);
        }
        finally
        {
            Dispose(silos);
        }
    }

    /// <summary>Impatient silos in cluster mode, added to <paramref name="silos"/> as they start (so a failed start still disposes the others).</summary>
    private static async Task StartSilos(List<SiloProcess> silos, int count, string storage, string clusterId)
    {
        for (int i = 0; i < count; i++)
        {
            silos.Add(await SiloProcess.StartAsync(storage, clusterId, environment: Impatient));
        }
    }

    private static async Task WaitFor(ISweepControl sweep, Func<SweepProgress, bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!condition(await sweep.GetProgress()))
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }

    private static void Stop(AzuriteHost storage)
    {
        using var process = Process.GetProcessById(storage.ProcessId);
        using (var kill = Process.Start("kill", ["-TERM", storage.ProcessId.ToString()]))
        {
            kill.WaitForExit();
        }
        if (!process.WaitForExit(15_000))
        {
            process.Kill(entireProcessTree: true);
        }
        storage.Dispose();
    }

    private void Dispose(List<SiloProcess> silos)
    {
        foreach (var s in silos)
        {
            if (!s.Exited)
            {
                output.WriteLine($"--- silo {s.SiloPort}\n{s.Log}");
            }
            s.Dispose();
        }
    }

    private static Task<ClusterConnection> ClientAsync(string storage, string clusterId) =>
        ClusterConnection.ConnectAsync(clusterId, clusterId, gateway: null, storage);
}
