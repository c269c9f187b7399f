using Mentia.Analysis.Sweeps;
using Mentia.Core.Ledger;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Mentia.Storage;
using Mentia.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace Mentia.Grains.Tests;

[CollectionDefinition("azurite")]
public sealed class AzuriteCollection : ICollectionFixture<TestAzurite>;

/// <summary>The real grains on an in-process two-silo cluster: a sweep runs to the end and equals the one-process run.</summary>
[Collection("azurite")]
public class ClusterSweepTests(TestAzurite azurite)
{
    [Fact]
    public async Task A_sweep_completes_on_two_silos_with_the_numbers_of_a_one_process_run()
    {
        var expected = SweepFixtures.InProcess(SweepFixtures.Small);
        await using var cluster = await TestClusterFactory.StartAsync(2, azurite.ConnectionString);
        var id = SweepIds.For("small", SweepFixtures.Small) + "-2silo";
        var sweep = cluster.Client.GetGrain<ISweepControl>(id);
        await sweep.Submit(SweepFixtures.Small);
        var live = new List<int>();
        var labelledDone = new List<SweepResults>();
        var done = await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(4), async p =>
        {
            // The boundary can be asked for while replicas still arrive.
            var partial = await cluster.Client.GetGrain<ISweepAnalysisGrain>(id).GetResults();
            live.Add(partial.Cells.Count);
            // Results that say "done" while this poll still saw the sweep running: they must be the final ones.
            if (partial.State == "done")
            {
                labelledDone.Add(partial);
            }
        });

        Assert.Equal(SweepState.Done, done.State);
        Assert.Equal(12, done.Done);
        Assert.Equal(done.PassesTotal, done.PassesDone);
        var results = await cluster.Client.GetGrain<ISweepAnalysisGrain>(id).GetResults();
        SweepFixtures.AssertSameNumbers(expected, results, replicas: 2);
        // No results labelled with the sweep's end carry a line fit debounced from before its last replica.
        Assert.All(labelledDone, r => Assert.Equal(Json(results.Lines), Json(r.Lines)));
        Assert.All(await sweep.GetRuns(), r => Assert.Equal(1, r.Trainings));

        // The raw data: the passes alone rebuild every exported cell, bootstrap error included; every run has its row and curve.
        var raw = await cluster.Client.GetGrain<ISweepAnalysisGrain>(id).GetRawData();
        Assert.Equal(12 * 4 * 2, raw.Passes.Count);
        Assert.Equal(results.Cells, RawCells.Recompute(SpecReader.Parse(SweepFixtures.Small), raw.Passes));
        Assert.Equal(12, raw.Runs.Count);
        Assert.All(raw.Runs, r =>
        {
            Assert.InRange(r.BestEpoch, 1, r.Epochs);
            Assert.InRange(r.LearningRateDrops, 0, r.Epochs - 1);
            Assert.Equal("cpu", r.Device);
            Assert.False(string.IsNullOrEmpty(r.Worker));
            Assert.Contains(r.StopReason, new[] { "earlyStopping", "maxEpochs" });
        });
        Assert.Equal(raw.Runs.Sum(r => r.Epochs), raw.Epochs.Count);
        // Provenance: the silos and devices are those the ledger's reports name; the spec hash is the submitted text's.
        var provenance = results.Provenance!;
        Assert.Equal(raw.Runs.Select(r => r.Worker).Distinct().Order(StringComparer.Ordinal), provenance.Silos);
        Assert.Equal(["cpu"], provenance.Devices);
        Assert.Equal(Mentia.Analysis.Sweeps.Provenance.HashSpec(SweepFixtures.Small), provenance.SpecSha256);
        Assert.Equal(11UL, provenance.Seed);
        Assert.Equal(done.SubmittedAt, provenance.StartedAt);
        Assert.Equal(done.FinishedAt, provenance.FinishedAt);
        // Submitting the same spec again redoes nothing.
        var again = await sweep.Submit(SweepFixtures.Small);
        Assert.Equal(SweepState.Done, again.State);
        Assert.Contains(id, (await cluster.Client.GetGrain<ISweepRegistryGrain>(0).List()).Select(s => s.SweepId));
    }

    [Fact]
    public async Task A_corrupt_weights_blob_is_detected_and_that_replica_retrained()
    {
        var expected = SweepFixtures.InProcess(SweepFixtures.Small);
        const string victim = "w24d2/pt0.500/N600/r1";
        await using var cluster = await TestClusterFactory.StartAsync(1, azurite.ConnectionString, services =>
            services.AddSingleton<IBlobStore>(new CorruptFirstRead(new BlobStore(azurite.ConnectionString), victim)),
            weightsCacheEntries: 0); // every evaluation reads its weights from storage, where the fault is
        var id = SweepIds.For("small", SweepFixtures.Small) + "-corrupt";
        var sweep = cluster.Client.GetGrain<ISweepControl>(id);
        await sweep.Submit(SweepFixtures.Small);
        var done = await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(4));

        Assert.Equal(SweepState.Done, done.State);
        var replicas = (await sweep.GetRuns()).ToDictionary(r => r.RunKey);
        Assert.Equal(2, replicas[victim].Trainings);
        Assert.Equal(1, replicas[victim].Attempt);
        Assert.Contains("SHA-256", replicas[victim].LastError);
        Assert.All(replicas.Values.Where(r => r.RunKey != victim), r => Assert.Equal(1, r.Trainings));
        // The retrained replica reproduces its weights bit for bit, and no run counted twice.
        SweepFixtures.AssertSameNumbers(expected, await cluster.Client.GetGrain<ISweepAnalysisGrain>(id).GetResults(), replicas: 2);
    }

    [Fact]
    public async Task Aggregates_come_back_from_the_stored_result_records_and_a_lost_record_is_evaluated_again()
    {
        var expected = SweepFixtures.InProcess(SweepFixtures.Small);
        await using var cluster = await TestClusterFactory.StartAsync(1, azurite.ConnectionString);
        var (id, sweep) = await RunSmallSweep(cluster, "-records");
        var analysis = cluster.Client.GetGrain<ISweepAnalysisGrain>(id);
        SweepFixtures.AssertSameNumbers(expected, await analysis.GetResults(), replicas: 2);

        // One replica's stored record goes missing, then every grain is deactivated: the cells come back from
        // the records, the one that cannot find its record tells the sweep, and that chunk is evaluated again.
        const string victim = "w24d2/pt0.500/N600/r1";
        var store = new BlobStore(azurite.ConnectionString);
        Assert.True(await store.DeleteAsync(BlobStore.ResultsContainer, $"{id}/{victim}/a0/c0of1"));
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var partial = await analysis.GetResults();
        Assert.Equal(expected.Cells.Count, partial.Cells.Count);
        Assert.Contains(partial.Cells, c => c.Statistics.Runs == 1); // the victim's cells, until it is evaluated again
        Assert.NotEqual("done", partial.State); // and the results do not claim otherwise
        Assert.True(partial.CellsComplete < partial.CellsTotal, $"{partial.CellsComplete} of {partial.CellsTotal} cells complete");

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while ((await sweep.GetRuns()).Single(r => r.RunKey == victim).LastError is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the lost record was never reported to the sweep");
            await Task.Delay(200);
        }
        Assert.Equal(SweepState.Done, (await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(2))).State);
        var replicas = await sweep.GetRuns();
        Assert.Contains("does not exist", replicas.Single(r => r.RunKey == victim).LastError);
        Assert.All(replicas, r => Assert.Equal(1, r.Trainings)); // evaluated again, never retrained
        Assert.NotNull(await store.GetAsync(BlobStore.ResultsContainer, $"{id}/{victim}/a0/c0of1"));
        var final = await analysis.GetResults();
        SweepFixtures.AssertSameNumbers(expected, final, replicas: 2);
        Assert.Equal(("done", final.CellsTotal), (final.State, final.CellsComplete));
    }

    /// <summary>Storage that flips one byte of the first read of one model's weights, as a disk or network fault would.</summary>
    private sealed class CorruptFirstRead(IBlobStore inner, string jobKey) : IBlobStore
    {
        private int _corrupted;

        public Task PutAsync(string container, string name, ReadOnlyMemory<byte> bytes, IDictionary<string, string>? metadata = null, CancellationToken ct = default) =>
            inner.PutAsync(container, name, bytes, metadata, ct);

        public async Task<byte[]?> GetAsync(string container, string name, CancellationToken ct = default)
        {
            var bytes = await inner.GetAsync(container, name, ct);
            if (bytes is not null && container == BlobStore.ModelsContainer && name.EndsWith(jobKey, StringComparison.Ordinal) && Interlocked.Exchange(ref _corrupted, 1) == 0)
            {
                bytes[bytes.Length / 2] ^= 0x40;
            }
            return bytes;
        }

        public Task<string?> GetHashAsync(string container, string name, CancellationToken ct = default) => inner.GetHashAsync(container, name, ct);

        public Task<bool> DeleteAsync(string container, string name, CancellationToken ct = default) => inner.DeleteAsync(container, name, ct);
    }

    /// <summary>The small sweep submitted under its own id and run to the end on the cluster.</summary>
    private static async Task<(string Id, ISweepControl Sweep)> RunSmallSweep(InProcessTestCluster cluster, string idSuffix)
    {
        var id = SweepIds.For("small", SweepFixtures.Small) + idSuffix;
        var sweep = cluster.Client.GetGrain<ISweepControl>(id);
        await sweep.Submit(SweepFixtures.Small);
        Assert.Equal(SweepState.Done, (await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(4))).State);
        return (id, sweep);
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, Mentia.Client.Infrastructure.JsonOutput.Options);
}
