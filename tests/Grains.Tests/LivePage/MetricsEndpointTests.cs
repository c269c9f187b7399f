using System.Globalization;
using System.Text.RegularExpressions;
using Mentia.Client.Infrastructure;
using Mentia.Core.Ledger;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Grains.Tests.LivePage;

/// <summary>
/// /metrics of a real silo process, scraped as Prometheus scrapes it while a small sweep runs: Mentia's counters
/// advance with the work and end at what the sweep's own books count, and Orleans' meters are there beside them.
/// </summary>
[Collection("azurite")]
public partial class MetricsEndpointTests(TestAzurite azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Metrics_show_trainings_passes_and_sweep_progress_advancing_to_the_sweeps_own_counts()
    {
        var ct = TestContext.Current.CancellationToken;
        var clusterId = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        var id = SweepIds.For("small", SweepFixtures.Small) + "-" + clusterId;
        using var silo = await SiloProcess.StartAsync(azurite.ConnectionString, clusterId, dispatchWindow: 1,
            environment: new Dictionary<string, string> { ["MENTIA_MAX_ENSEMBLE"] = "1" });
        await using var client = await ClusterConnection.ConnectAsync(clusterId, clusterId, gateway: null, azurite.ConnectionString, ct);
        var sweep = client.Client.GetGrain<ISweepControl>(id);
        using var http = new HttpClient();
        var url = $"http://127.0.0.1:{silo.HttpPort}/metrics";

        // A page elsewhere whose name was rebound to 127.0.0.1 sends its own name as Host: refused (DNS rebinding).
        using (var rebound = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{silo.HttpPort}/api/sweeps"))
        {
            rebound.Headers.Host = $"rebind.example:{silo.HttpPort}";
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await http.SendAsync(rebound, ct)).StatusCode);
        }
        using (var local = new HttpRequestMessage(HttpMethod.Get, $"http://localhost:{silo.HttpPort}/api/sweeps"))
        {
            Assert.True((await http.SendAsync(local, ct)).IsSuccessStatusCode, "a request to localhost was refused");
        }

        var before = Parse(await http.GetStringAsync(url, ct));
        // Series an alert rule needs are there from the start, at 0 (a counter that appears only at its first event leaves an alert without data).
        Assert.Equal(0, Assert.Single(before, s => s.Name == "mentia_delivery_retries_total").Value);
        Assert.Contains(before, s => s.Name == "mentia_device_queue_depth");
        Assert.DoesNotContain(before, s => s.Name == "mentia_trainings_completed_total" && s.Value != 0);
        await sweep.Submit(SweepFixtures.Small);

        var trainings = new List<double>();
        var passes = new List<double>();
        SweepProgress progress;
        var deadline = DateTime.UtcNow.AddMinutes(4);
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "the sweep did not finish in time");
            progress = await sweep.GetProgress();
            var scrape = Parse(await http.GetStringAsync(url, ct));
            trainings.Add(Sum(scrape, "mentia_trainings_completed_total"));
            passes.Add(Sum(scrape, "mentia_evaluation_passes_completed_total"));
            await Task.Delay(400, ct);
        }
        while (progress.State == SweepState.Running);
        output.WriteLine($"trainings scraped: {string.Join(", ", trainings.Distinct())}; passes: {string.Join(", ", passes.Distinct())}");

        // Advancing while the sweep ran, never backwards.
        Assert.True(trainings.Distinct().Count() >= 3, "the trainings counter did not advance step by step");
        Assert.True(passes.Distinct().Count() >= 3, "the passes counter did not advance step by step");
        Assert.Equal(trainings.Order(), trainings);
        Assert.Equal(passes.Order(), passes);

        // At the end: what the sweep's ledger counts. Its progress is read first, so the gauges show the final state.
        progress = await sweep.GetProgress();
        var end = Parse(await http.GetStringAsync(url, ct));
        var runs = await sweep.GetRuns();
        Assert.Equal(runs.Sum(r => r.Trainings), Sum(end, "mentia_trainings_completed_total"));
        Assert.Equal(progress.PassesDone, Sum(end, "mentia_evaluation_passes_completed_total"));
        Assert.Equal(progress.Done, Sum(end, "mentia_sweep_replicas", ("sweep", id), ("stage", "done")));
        Assert.Equal(0, Sum(end, "mentia_sweep_replicas", ("sweep", id), ("stage", "queued")));
        Assert.Equal(progress.PassesTotal, Sum(end, "mentia_sweep_passes_planned", ("sweep", id)));
        Assert.Equal(0, Sum(end, "mentia_device_queue_depth"));
        // Per silo: every device sample names its silo (one silo here).
        foreach (var name in new[] { "mentia_trainings_completed_total", "mentia_evaluation_passes_completed_total", "mentia_device_queue_depth" })
        {
            Assert.Single(end, s => s.Name == name && s.Labels.ContainsKey("silo"));
        }
        Assert.True(Sum(end, "mentia_device_busy_time_seconds_total") > 0, "the device's busy time did not grow");
        // The device worked within the last minute (the sweep just ended): the trailing minute holds busy time.
        Assert.InRange(Assert.Single(end, s => s.Name == "mentia_device_busy_fraction").Value, double.Epsilon, 1.0);
        Assert.Contains(end, s => s.Name == "mentia_delivery_retries_total");
        Assert.Contains(end, s => s.Name.StartsWith("orleans_", StringComparison.Ordinal));
    }

    /// <summary>One sample of Prometheus' text format: name, labels, value.</summary>
    private sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    private static List<Sample> Parse(string text) =>
        text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l =>
        {
            var m = SampleLine().Match(l);
            Assert.True(m.Success, $"not a Prometheus sample line: {l}");
            var labels = LabelPair().Matches(m.Groups["labels"].Value).ToDictionary(p => p.Groups[1].Value, p => p.Groups[2].Value);
            return new Sample(m.Groups["name"].Value, labels, double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
        }).ToList();

    private static double Sum(IEnumerable<Sample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();
}
