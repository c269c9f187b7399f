using Mentia.Core.Data;
using Mentia.Core.Ledger;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Mentia.Grains.Execution;
using Mentia.Grains.Placement;
using Mentia.Grains.Sweeps;
using Mentia.Storage;
using Mentia.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Mentia.Grains.Tests;

/// <summary>
/// Every sweep finishes or says why, on the real grains: work lost without a word is redone when its deadline
/// passes, a silo whose data is unusable ends the sweep failed with the reason, and a cancelled sweep resumes.
/// </summary>
[Collection("azurite")]
public class LivenessTests(TestAzurite azurite, ITestOutputHelper output)
{
    /// <summary>Deadlines short enough for a test, long enough that no healthy work on a loaded CI machine times out.</summary>
    private static void ShortDeadlines(IServiceCollection services) => services.Configure<SweepOptions>(o =>
    {
        o.WorkGrace = TimeSpan.FromSeconds(10);
        o.MinDeviceFlops = 1e9;
    });

    /// <summary>A copy of MNIST whose training images have the right size and magic but fail their hash.</summary>
    private static string BrokenTrainImages(string name) => MnistCopies.WithBroken(name, MnistFiles.TrainImages, bytes =>
    {
        bytes[bytes.Length / 2] ^= 0x5A; // right size, right magic: only the hash can tell
        return bytes;
    });

    /// <summary>This silo's MNIST is the broken copy, and nobody uploaded MNIST to its storage: it cannot fetch a good one either.</summary>
    private void UnusableMnist(IServiceCollection services, string broken)
    {
        services.AddSingleton(new DeviceExecutorOptions { Device = "cpu", Threads = 1, MaxEnsemble = 4, MnistCache = broken, StorageConnection = azurite.ConnectionString });
        services.AddSingleton<IBlobStore>(new WithoutDatasets(new BlobStore(azurite.ConnectionString)));
    }

    [Fact]
    public async Task A_training_and_an_evaluation_lost_without_a_report_are_redone_after_their_deadline()
    {
        var expected = SweepFixtures.InProcess(SweepFixtures.Small);
        var drop = new DropFirstStarts();
        await using var cluster = await TestClusterFactory.StartAsync(1, azurite.ConnectionString, services =>
        {
            ShortDeadlines(services);
            services.AddSingleton<IIncomingGrainCallFilter>(sp => drop.Bind(sp.GetRequiredService<ILocalSiloDetails>()));
        });
        var id = SweepIds.For("small", SweepFixtures.Small) + "-lost";
        var sweep = cluster.Client.GetGrain<ISweepControl>(id);
        await sweep.Submit(SweepFixtures.Small);
        var done = await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(4));

        var runs = (await sweep.GetRuns()).ToDictionary(r => r.RunKey);
        foreach (var r in runs.Values)
        {
            output.WriteLine($"{r.RunKey}: {r.Stage} attempt {r.Attempt}, trainings {r.Trainings}, {r.LastError}");
        }
        Assert.Equal(SweepState.Done, done.State);
        Assert.NotNull(drop.Training);
        Assert.NotNull(drop.Evaluation);
        // The lost training was given up on after its deadline and trained again under a new attempt...
        Assert.Equal((1, 1), (runs[drop.Training!].Attempt, runs[drop.Training!].Trainings));
        Assert.Contains("no report from", runs[drop.Training!].LastError);
        // ...the lost chunk was dispatched again alone (same attempt, no retraining)...
        Assert.Equal((0, 1), (runs[drop.Evaluation!.RunKey].Attempt, runs[drop.Evaluation.RunKey].Trainings));
        Assert.Contains($"evaluating chunk {drop.Evaluation.Chunk}", runs[drop.Evaluation.RunKey].LastError);
        // ...and nothing healthy timed out, and every run counts once.
        Assert.All(runs.Values.Where(r => r.RunKey != drop.Training), r => Assert.Equal(0, r.Attempt));
        SweepFixtures.AssertSameNumbers(expected, await cluster.Client.GetGrain<ISweepAnalysisGrain>(id).GetResults(), replicas: 2);
    }

    [Fact]
    public async Task A_sweep_that_cannot_dispatch_any_training_says_why_in_its_status()
    {
        // CPU silos only, and placement told not to fall back to them: nothing can train anywhere.
        await using var cluster = await TestClusterFactory.StartAsync(1, azurite.ConnectionString, services =>
            services.Configure<AcceleratorPlacementOptions>(o => o.FallBackToAnySilo = false));
        var id = SweepIds.For("small", SweepFixtures.Small) + "-nowhere";
        var sweep = cluster.Client.GetGrain<ISweepControl>(id);
        await sweep.Submit(SweepFixtures.Small);
        var p = await sweep.GetProgress();
        output.WriteLine(p.ToString());
        Assert.Equal((SweepState.Running, 12), (p.State, p.Queued));
        Assert.StartsWith("waiting: no training could be dispatched", p.Message);
    }

    [Fact]
    public async Task A_silo_whose_MNIST_fails_its_hash_ends_the_sweep_failed_with_the_reason()
    {
        var broken = BrokenTrainImages("mnist-bad-hash");
        await using var cluster = await TestClusterFactory.StartAsync(1, azurite.ConnectionString, services =>
        {
            ShortDeadlines(services);
            UnusableMnist(services, broken);
        });
        var id = SweepIds.For("small", SweepFixtures.Small) + "-badmnist";
        var sweep = cluster.Client.GetGrain<ISweepControl>(id);
        await sweep.Submit(SweepFixtures.Small);
        var ended = await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(3));

        output.WriteLine(ended.ToString());
        Assert.Equal(SweepState.Failed, ended.State); // ends: a watcher is not left waiting
        Assert.Equal(12, ended.Failed);
        Assert.Contains("12 of 12 runs failed", ended.Message);
        Assert.Contains("SHA-256", ended.Message); // and says why
        Assert.All(await sweep.GetRuns(), r => Assert.Equal(RunStage.Failed, r.Stage));
    }

    [Fact]
    public async Task A_silo_with_unusable_MNIST_declines_work_and_the_healthy_silo_does_it_all()
    {
        var expected = SweepFixtures.InProcess(SweepFixtures.Small);
        var broken = BrokenTrainImages("mnist-bad-one");
        var silos = 0;
        await using var cluster = await TestClusterFactory.StartAsync(2, azurite.ConnectionString, services =>
        {
            ShortDeadlines(services);
            if (Interlocked.Increment(ref silos) == 1) // the first silo only
            {
                UnusableMnist(services, broken);
            }
        });
        var id = SweepIds.For("small", SweepFixtures.Small) + "-onebad";
        var sweep = cluster.Client.GetGrain<ISweepControl>(id);
        await sweep.Submit(SweepFixtures.Small);
        var done = await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(4));

        var runs = await sweep.GetRuns();
        foreach (var r in runs)
        {
            output.WriteLine($"{r.RunKey}: {r.Stage} attempt {r.Attempt}, trainings {r.Trainings}, {r.Worker}, {r.LastError}");
        }
        Assert.Equal(SweepState.Done, done.State);
        Assert.All(runs, r => Assert.Equal((0, 1), (r.Attempt, r.Trainings))); // declines cost no attempt and no failure
        var healthy = runs.Select(r => r.Worker).Distinct().ToList();
        Assert.Single(healthy); // every training ran on the healthy silo
        SweepFixtures.AssertSameNumbers(expected, await cluster.Client.GetGrain<ISweepAnalysisGrain>(id).GetResults(), replicas: 2);
    }

    [Fact]
    public async Task A_silo_with_unusable_MNIST_recovers_without_a_restart_once_the_datasets_are_uploaded()
    {
        var expected = SweepFixtures.InProcess(SweepFixtures.Small);
        var broken = BrokenTrainImages("mnist-recover");
        await DatasetBlobs.UploadMnistAsync(new BlobStore(azurite.ConnectionString), TestMnist.Folder, TestContext.Current.CancellationToken);
        var storage = new WithoutDatasets(new BlobStore(azurite.ConnectionString)); // hidden until the "upload" below
        await using var cluster = await TestClusterFactory.StartAsync(1, azurite.ConnectionString, services =>
        {
            ShortDeadlines(services);
            services.Configure<SweepOptions>(o => o.MaxDeclines = 1000);
            services.AddSingleton(new DeviceExecutorOptions
            {
                Device = "cpu", Threads = 1, MaxEnsemble = 4, MnistCache = broken, StorageConnection = azurite.ConnectionString,
                MnistRetryInterval = TimeSpan.FromSeconds(2),
            });
            services.AddSingleton<IBlobStore>(storage);
        });
        var id = SweepIds.For("small", SweepFixtures.Small) + "-recover";
        var sweep = cluster.Client.GetGrain<ISweepControl>(id);
        await sweep.Submit(SweepFixtures.Small);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await sweep.GetProgress()).Message is not { } why || !why.Contains("MNIST unusable"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the status never said why nothing was trained");
            await Task.Delay(200);
        }
        storage.Hidden = false; // the operator runs `mentia data upload`

        Assert.Equal(SweepState.Done, (await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(4))).State);
        Assert.All(await sweep.GetRuns(), r => Assert.Equal((0, 1), (r.Attempt, r.Trainings)));
        SweepFixtures.AssertSameNumbers(expected, await cluster.Client.GetGrain<ISweepAnalysisGrain>(id).GetResults(), replicas: 2);
    }

    [Fact]
    public async Task A_silo_whose_MNIST_fails_its_hash_fetches_a_fresh_copy_from_storage_and_the_sweep_is_unharmed()
    {
        var expected = SweepFixtures.InProcess(SweepFixtures.Small);
        var broken = MnistCopies.WithBroken("mnist-heal", MnistFiles.TestLabels, bytes =>
        {
            bytes[^1] ^= 0x01;
            return bytes;
        });
        await DatasetBlobs.UploadMnistAsync(new BlobStore(azurite.ConnectionString), TestMnist.Folder, TestContext.Current.CancellationToken);
        await using var cluster = await TestClusterFactory.StartAsync(1, azurite.ConnectionString, services =>
            services.AddSingleton(new DeviceExecutorOptions { Device = "cpu", Threads = 1, MaxEnsemble = 4, MnistCache = broken, StorageConnection = azurite.ConnectionString }));
        var id = SweepIds.For("small", SweepFixtures.Small) + "-healmnist";
        var sweep = cluster.Client.GetGrain<ISweepControl>(id);
        await sweep.Submit(SweepFixtures.Small);
        Assert.Equal(SweepState.Done, (await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(4))).State);
        Assert.All(await sweep.GetRuns(), r => Assert.Null(r.LastError));
        SweepFixtures.AssertSameNumbers(expected, await cluster.Client.GetGrain<ISweepAnalysisGrain>(id).GetResults(), replicas: 2);
        MnistStore.ReadVerified(broken, MnistFiles.TestLabels); // the local copy was replaced by the verified one
    }

    [Fact]
    public async Task A_cancelled_sweep_resumes_and_ends_with_the_numbers_of_a_one_process_run()
    {
        var expected = SweepFixtures.InProcess(SweepFixtures.Small);
        await using var cluster = await TestClusterFactory.StartAsync(1, azurite.ConnectionString, ShortDeadlines);
        var id = SweepIds.For("small", SweepFixtures.Small) + "-resume";
        var sweep = cluster.Client.GetGrain<ISweepControl>(id);
        await sweep.Submit(SweepFixtures.Small);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((await sweep.GetProgress()) is { } p && p.Done + p.Evaluating < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "no run was trained in time");
            await Task.Delay(50);
        }
        await sweep.Cancel();
        var cancelled = await sweep.GetProgress();
        Assert.Equal(SweepState.Cancelled, cancelled.State);
        Assert.True(cancelled.Done < 12, "the cancel must come before the end");
        await Task.Delay(TimeSpan.FromSeconds(3)); // work in flight at the cancel reports, and is kept
        Assert.Equal(SweepState.Cancelled, (await sweep.GetProgress()).State);
        // Submitting it again (as `mentia submit` does first) neither restarts nor resumes it by itself.
        Assert.Equal(SweepState.Cancelled, (await sweep.Submit(SweepFixtures.Small)).State);
        var trainedBefore = (await sweep.GetRuns()).Where(r => r.Trainings > 0).Select(r => r.RunKey).ToList();

        var resumed = await sweep.Resume();
        output.WriteLine(resumed.ToString());
        Assert.True(resumed.Plan.Resumed);
        Assert.Equal(12, resumed.Plan.RunsKept + resumed.Plan.RunsToTrain + resumed.Plan.RunsToEvaluate);
        var done = await SweepFixtures.WaitUntilFinished(sweep, TimeSpan.FromMinutes(4));
        Assert.Equal(SweepState.Done, done.State);
        var runs = (await sweep.GetRuns()).ToDictionary(r => r.RunKey);
        Assert.All(trainedBefore, key => Assert.Equal(1, runs[key].Trainings)); // nothing finished is redone
        SweepFixtures.AssertSameNumbers(expected, await cluster.Client.GetGrain<ISweepAnalysisGrain>(id).GetResults(), replicas: 2);
        Assert.False((await sweep.Resume()).Plan.Resumed); // a done sweep: nothing to resume
    }

    /// <summary>A storage in which nobody uploaded the datasets.</summary>
    private sealed class WithoutDatasets(IBlobStore inner) : IBlobStore
    {
        public volatile bool Hidden = true;

        public Task PutAsync(string container, string name, ReadOnlyMemory<byte> bytes, IDictionary<string, string>? metadata = null, CancellationToken ct = default) =>
            inner.PutAsync(container, name, bytes, metadata, ct);

        public Task<byte[]?> GetAsync(string container, string name, CancellationToken ct = default) =>
            Hidden && container == BlobStore.DatasetsContainer ? Task.FromResult<byte[]?>(null) : inner.GetAsync(container, name, ct);

        public Task<string?> GetHashAsync(string container, string name, CancellationToken ct = default) =>
            Hidden && container == BlobStore.DatasetsContainer ? Task.FromResult<string?>(null) : inner.GetHashAsync(container, name, ct);

        public Task<bool> DeleteAsync(string container, string name, CancellationToken ct = default) => inner.DeleteAsync(container, name, ct);
    }

    /// <summary>
    /// Accepts the first training and the first evaluation handed to a silo and then does nothing with them: the
    /// work is lost without a report, as when a report is lost for good or a device drops an item.
    /// </summary>
    private sealed class DropFirstStarts : IIncomingGrainCallFilter
    {
        private ILocalSiloDetails? _silo;
        private int _trainingDropped, _evaluationDropped;

        public string? Training { get; private set; }
        public ResultRecordRef? Evaluation { get; private set; }

        public DropFirstStarts Bind(ILocalSiloDetails silo)
        {
            _silo = silo;
            return this;
        }

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.ImplementationMethod.Name == nameof(ITrainingGrain.Start) && context.Request.GetArgument(0) is TrainingWork t
                && Interlocked.Exchange(ref _trainingDropped, 1) == 0)
            {
                Training = t.Run.Key;
                context.Result = new WorkAnswer(_silo!.SiloAddress.ToString());
                return;
            }
            if (context.ImplementationMethod.Name == nameof(IEvaluationGrain.Start) && context.Request.GetArgument(0) is EvaluationWork e
                && Interlocked.Exchange(ref _evaluationDropped, 1) == 0)
            {
                Evaluation = e.Record;
                context.Result = new WorkAnswer(_silo!.SiloAddress.ToString());
                return;
            }
            await context.Invoke();
        }
    }
}
