using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mentia.Analysis.Sweeps;
using Mentia.Client.Infrastructure;
using Mentia.Client.Output;
using Mentia.Core.Ledger;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Mentia.Silo.Live;
using Mentia.TestSupport;
using Microsoft.Playwright;
using Xunit;

namespace Mentia.Grains.Tests.LivePage;

/// <summary>
/// The live sweep page in a real headless browser (Debian's chromium through Playwright) against a real silo
/// process running a small sweep: the page keeps itself current without a reload, its heat map has a cell for
/// every (p_t, p_e) with results, what hovering a cell shows is what `mentia results` and `mentia boundary --json`
/// say, and the finished page and its downloads hold exactly the exported numbers.
/// </summary>
[Collection("azurite")]
public class LivePageBrowserTests(TestAzurite azurite, ITestOutputHelper output)
{
    /// <summary>Debian's chromium (apt package `chromium`; build.cake's Tools target installs it). Playwright downloads no browser.</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>
    /// Three phases in seconds of training: eumentia and dementia with a crossing at p_t = 0 and 0.5, amentia at 0.95.
    /// One training at a time (dispatch window 1, ensembles of 1) so the page sees the sweep advance.
    /// </summary>
    public const string Spec = """
        name: live
        seed: 7
        model: {widths: [32], depths: [2]}
        dropout: {p_t: [0.0, 0.5, 0.95], p_e: [0.0, 0.2, 0.4, 0.6, 0.8, 0.9]}
        N: [250, 500, 1000]
        replicas: 3
        passes: 3
        training: {maxEpochs: 12, earlyStopPatience: 3, plateauPatience: 2, validationSize: 1000}
        analysis: {bootstrapResamples: 100}
        """;

    [Fact]
    public async Task The_live_page_follows_a_running_sweep_and_ends_with_the_numbers_mentia_exports()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (./build.sh --target=Tools does it)");
        var ct = TestContext.Current.CancellationToken;
        var clusterId = "live-" + Guid.NewGuid().ToString("N")[..8];
        // The silo's scratch (the report it draws) in a folder of this test's, removed at the end: a killed silo cleans up nothing.
        var scratch = RepoPaths.NewTempFolder("live-page");
        using var silo = await SiloProcess.StartAsync(azurite.ConnectionString, clusterId, dispatchWindow: 1,
            environment: new Dictionary<string, string> { ["MENTIA_MAX_ENSEMBLE"] = "1", ["TMPDIR"] = scratch });
        try
        {
            await Follow(silo, clusterId, ct);
        }
        finally
        {
            silo.Kill();
            Directory.Delete(scratch, recursive: true);
        }
    }

    private async Task Follow(SiloProcess silo, string clusterId, CancellationToken ct)
    {
        var id = SweepIds.For("live", Spec) + "-" + clusterId;
        await using var client = await ClusterConnection.ConnectAsync(clusterId, clusterId, gateway: null, azurite.ConnectionString, ct);
        var sweep = client.Client.GetGrain<ISweepControl>(id);
        var site = $"http://127.0.0.1:{silo.HttpPort}";

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") { lock (consoleErrors) { consoleErrors.Add(m.Text); } } };
        page.PageError += (_, e) => { lock (consoleErrors) { consoleErrors.Add(e); } };
        page.Response += (_, r) => { if (r.Status >= 400) { lock (consoleErrors) { consoleErrors.Add($"{r.Status} {r.Url}"); } } };

        await sweep.Submit(Spec);
        await page.GotoAsync($"{site}/sweeps/{id}");
        await page.WaitForFunctionAsync("() => Number(document.body.dataset.updates) >= 1", null, new() { Timeout = 30_000 });
        // A marker in the document: gone if the page reloaded itself instead of updating in place.
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        // While the sweep runs, the page's own numbers advance.
        var running = new List<long>();
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (await page.EvaluateAsync<string?>("() => document.body.dataset.final ?? null") is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the page never showed the sweep's end");
            var state = await page.EvaluateAsync<string>("() => document.body.dataset.state");
            var passes = long.Parse(await page.GetAttributeAsync("#passes-done", "data-value") ?? "-1", CultureInfo.InvariantCulture);
            if (state == "running")
            {
                running.Add(passes);
            }
            await Task.Delay(250, ct);
        }
        output.WriteLine($"passes seen while running: {string.Join(", ", running.Distinct())}");
        Assert.True(running.Distinct().Count() >= 3, $"the page showed too few steps of a running sweep: {string.Join(", ", running.Distinct())}");
        Assert.Equal(running.Order(), running); // never backwards
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded instead of updating in place");
        var progress = await sweep.GetProgress();
        Assert.Equal(SweepState.Done, progress.State);
        Assert.Equal(progress.PassesTotal.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("#passes-done", "data-value"));
        Assert.Equal(progress.Done.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("#replicas-done", "data-value"));

        // What the CLI exports and prints, run as a user runs it.
        var exported = JsonSerializer.Deserialize<SweepResults>(await MentiaCli.RunAsync(silo.GatewayPort, clusterId, "results", id, "--format", "json"), JsonOutput.Options)!;
        var boundary = JsonNode.Parse(await MentiaCli.RunAsync(silo.GatewayPort, clusterId, "boundary", id, "--json"))!;
        var rows = boundary["lines"].Deserialize<List<BoundaryRow>>(JsonOutput.Options)!;
        Assert.Equal(exported.Lines.Count, rows.Count);

        // The page's final view: every number is the exported one.
        var view = JsonSerializer.Deserialize<LiveSweepView>(await page.EvaluateAsync<string>("() => JSON.stringify(window.mentiaLive.view())"), JsonOutput.Options)!;
        AssertViewMatches(exported, view);

        // The heat map: exactly one drawn cell per (p_t, p_e) that has results.
        var drawn = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('.heatmap')].flatMap(gd => {
              const d = gd.mentia.diagram, cells = [];
              for (const t of [0, 1]) gd.data[t].z.forEach((row, i) => row.forEach((z, j) => { if (z !== null) cells.push([gd.dataset.arch, d.p_t[j], d.p_e[i]]); }));
              return cells;
            })
            """);
        var drawnCells = drawn.EnumerateArray().Select(c => (c[0].GetString()!, c[1].GetDouble(), c[2].GetDouble())).ToList();
        var withResults = exported.Cells.Select(c => (new Architecture(c.Width, c.Depth).ToString(), c.TrainRate, c.EvalRate)).Distinct().ToList();
        Assert.Equal(withResults.Count, drawnCells.Count);
        Assert.Equal(withResults.Order(), drawnCells.Order());

        // Hovering each cell shows alpha, phase and <L> per N as the CLI has them.
        foreach (var (arch, pt, pe) in withResults)
        {
            await AssertTooltip(page, arch, pt, pe, exported, rows);
        }

        // The picture in the README: the finished page with one cell's tooltip open (the most dementia-like one).
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var shown = view.Diagrams[0].Cells.Where(c => c.Alpha is not null).MaxBy(c => c.Alpha)!;
        await AssertTooltip(page, view.Diagrams[0].Architecture, shown.TrainRate, shown.EvalRate, exported, rows);
        var shot = Path.Combine(RepoPaths.Work, "screenshots", "live-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        output.WriteLine($"screenshot: {shot}");

        // The boundary table: the cells `mentia boundary` prints, row by row.
        var table = await page.EvaluateAsync<string[][]>("() => [...document.querySelectorAll('#boundary tbody tr')].map(r => [...r.cells].map(c => c.textContent))");
        Assert.Equal(rows.Select(r => BoundaryRows.Cells(r).ToArray()).ToArray(), table);
        Assert.Equal(rows.Select(r => JsonSerializer.Serialize(r, JsonOutput.Options)), view.Lines.Select(l => JsonSerializer.Serialize(l.Boundary, JsonOutput.Options)));
        Assert.Contains(rows, r => r.Transition == "transition"); // the spec was chosen to have one: its collapses are drawn
        Assert.True(await page.Locator(".collapse").CountAsync() >= 1, "no collapse was drawn for a line with a transition");

        // The downloads are the CLI's files.
        using var http = new HttpClient();
        var downloaded = JsonSerializer.Deserialize<SweepResults>(await http.GetStringAsync($"{site}/sweeps/{id}/results.json", ct), JsonOutput.Options)!;
        Assert.Equal(Comparable(exported), Comparable(downloaded));
        Assert.Equal(await MentiaCli.RunAsync(silo.GatewayPort, clusterId, "results", id, "--format", "csv"), await http.GetStringAsync($"{site}/sweeps/{id}/cells.csv", ct));
        var report = await http.GetAsync($"{site}/sweeps/{id}/report/index.html", ct);
        Assert.True(report.IsSuccessStatusCode, $"report: {report.StatusCode}");
        var index = await report.Content.ReadAsStringAsync(ct);
        Assert.Contains("<html", index, StringComparison.OrdinalIgnoreCase);
        // Its figures come from beside it, as a browser following the page's link loads them.
        var figure = System.Text.RegularExpressions.Regex.Match(index, "src=\"([^\"/]+\\.png)\"");
        Assert.True(figure.Success, "the report shows no figure");
        var png = await http.GetByteArrayAsync($"{site}/sweeps/{id}/report/{figure.Groups[1].Value}", ct);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);

        // The list page names the sweep with its state.
        await page.GotoAsync(site + "/");
        await page.WaitForSelectorAsync($"#sweeps tr[data-id='{id}']", new() { Timeout = 10_000 });
        Assert.Contains("done", await page.InnerTextAsync($"#sweeps tr[data-id='{id}']"), StringComparison.Ordinal);

        lock (consoleErrors)
        {
            Assert.True(consoleErrors.Count == 0, "browser console errors: " + string.Join(" | ", consoleErrors));
        }
    }

    private async Task AssertTooltip(IPage page, string arch, double pt, double pe, SweepResults exported, IReadOnlyList<BoundaryRow> rows)
    {
        await page.Locator($".heatmap[data-arch='{arch}']").ScrollIntoViewIfNeededAsync();
        var at = await page.EvaluateAsync<JsonElement>("([a, t, e]) => window.mentiaLive.cellCenter(a, t, e)", new object[] { arch, pt, pe });
        await page.Mouse.MoveAsync(0, 0);
        await page.Mouse.MoveAsync((float)at.GetProperty("x").GetDouble(), (float)at.GetProperty("y").GetDouble(), new() { Steps = 2 });
        var tip = page.Locator("#tooltip");
        await page.WaitForFunctionAsync("([t, e]) => { const d = document.querySelector('#tooltip'); return !d.hidden && Number(d.dataset.pt) === t && Number(d.dataset.pe) === e; }",
            new object[] { pt, pe }, new() { Timeout = 5_000 });

        var line = exported.Lines.Single(l => l.Architecture.ToString() == arch && l.TrainRate == pt);
        var alpha = line.Alphas.SingleOrDefault(a => a.EvalRate == pe);
        if (alpha is not null)
        {
            Assert.Equal(alpha.Fit.Alpha, Number(await tip.GetAttributeAsync("data-alpha")));
            Assert.Equal(alpha.Fit.AlphaErr, Number(await tip.GetAttributeAsync("data-alpha-err")));
            // `mentia boundary --json` gives the phase of every p_e of the line.
            var row = rows.Single(r => new Architecture(r.Width, r.Depth).ToString() == arch && r.TrainRate == pt);
            var phase = row.Phases.Single(p => p.EvalRate == pe).Phase;
            Assert.Equal(JsonSerializer.Serialize(phase, JsonOutput.Options), JsonSerializer.Serialize(await tip.GetAttributeAsync("data-phase")));
        }
        var losses = await page.EvaluateAsync<JsonElement>("() => [...document.querySelectorAll('#tooltip tr.loss')].map(r => [Number(r.dataset.n), Number(r.dataset.loss), r.dataset.lossErr === '' ? null : Number(r.dataset.lossErr), Number(r.dataset.replicas)])");
        var cells = exported.Cells.Where(c => new Architecture(c.Width, c.Depth).ToString() == arch && c.TrainRate == pt && c.EvalRate == pe).OrderBy(c => c.Size).ToList();
        Assert.Equal(cells.Count, losses.GetArrayLength());
        foreach (var (c, shown) in cells.Zip(losses.EnumerateArray()))
        {
            Assert.Equal(c.Size, shown[0].GetInt32());
            Assert.Equal(c.Statistics.MeanLoss, shown[1].GetDouble());
            Assert.Equal(c.Statistics.MeanLossErr, shown[2].ValueKind == JsonValueKind.Null ? null : shown[2].GetDouble());
            Assert.Equal(c.Statistics.Runs, shown[3].GetInt32());
        }
        Assert.Equal(cells.Min(c => c.Statistics.Runs).ToString(CultureInfo.InvariantCulture), await tip.GetAttributeAsync("data-replicas"));
    }

    /// <summary>Every diagram cell and line of the page is the exported one (alpha, phase, losses, crossing, collapses).</summary>
    private static void AssertViewMatches(SweepResults exported, LiveSweepView view)
    {
        Assert.Equal(exported.Lines.Count, view.Lines.Count);
        foreach (var d in view.Diagrams)
        foreach (var cell in d.Cells)
        {
            var line = exported.Lines.Single(l => l.Architecture.Width == d.Width && l.Architecture.Depth == d.Depth && l.TrainRate == cell.TrainRate);
            var alpha = line.Alphas.Single(a => a.EvalRate == cell.EvalRate);
            Assert.Equal(alpha.Fit.Alpha, cell.Alpha);
            Assert.Equal(alpha.Fit.AlphaErr, cell.AlphaErr);
            Assert.Equal(alpha.Classification.Phase.ToString().ToLowerInvariant(), cell.Phase);
        }
        foreach (var (line, shown) in exported.Lines.Zip(view.Lines))
        {
            Assert.Equal(line.TrainRate, shown.TrainRate);
            Assert.Equal(line.HasTransition && line.Crossing.Found ? line.Crossing.EvalRate : null, shown.CrossingEvalRate);
            Assert.Equal(line.Scaling.Select(f => (f.Fitted, f.Pc, f.Exponent, f.Chi2)), shown.Collapses.Select(f => (f.Fitted, f.Pc, f.Exponent, f.Chi2)));
            var cells = exported.Cells.Where(c => c.Width == line.Architecture.Width && c.Depth == line.Architecture.Depth && c.TrainRate == line.TrainRate).ToList();
            foreach (var curve in shown.Curves)
            {
                var expected = cells.Where(c => c.Size == curve.Size).OrderBy(c => c.EvalRate).ToList();
                Assert.Equal(expected.Select(c => c.EvalRate), curve.EvalRates);
                Assert.Equal(expected.Select(c => c.Statistics.MeanLoss), curve.Losses);
            }
        }
    }

    /// <summary>A results document without the moment it was generated at, to compare two reads of a finished sweep.</summary>
    private static string Comparable(SweepResults r) => JsonSerializer.Serialize(r with { GeneratedAt = default }, JsonOutput.Options);

    private static double? Number(string? s) => string.IsNullOrEmpty(s) ? null : double.Parse(s, CultureInfo.InvariantCulture);
}
