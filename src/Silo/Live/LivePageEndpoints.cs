using System.Text;
using System.Text.Json;
using Mentia.Analysis.Sweeps;
using Mentia.Client.Infrastructure;
using Mentia.Client.Output;
using Mentia.Core.Ledger;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Mentia.Silo.Live;

/// <summary>
/// The live sweep page on the silo's HTTP port: `/` lists the cluster's sweeps, `/sweeps/{id}` shows one and keeps
/// it current through server-sent events, and the downloads are the files `mentia results --out` and `mentia report`
/// write. Everything is read from the grains the CLI reads; nothing here submits, cancels or changes a sweep.
/// </summary>
public static class LivePageEndpoints
{
    /// <summary>How often a page's event stream asks the grains again; a view is sent only when it changed.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    /// <summary>A view is sent at least this often, changed or not, so its elapsed time and ETA keep moving.</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(5);

    // The page loads nothing but its own files: scripts, styles and data from this origin only.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void MapLivePage(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(root))
        {
            app.Logger.LogWarning("live page off: its files are not in {Root} (building src/Silo copies them there)", root);
            return;
        }
        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = "/assets",
            OnPrepareResponse = c => Secure(c.Context.Response),
        });
        app.MapGet("/", (HttpContext c) => Page(c, files, "index.html"));
        app.MapGet("/sweeps/{id}", (HttpContext c, string id) => SweepIds.Validate(id) is { } problem ? BadId(id, problem) : Page(c, files, "sweep.html"));

        app.MapGet("/api/sweeps", async (IGrainFactory grains) =>
        {
            var sweeps = await grains.GetGrain<ISweepRegistryGrain>(0).List();
            var progress = await Task.WhenAll(sweeps.Select(s => grains.GetGrain<ISweepControl>(s.SweepId).GetProgress()));
            var now = DateTimeOffset.UtcNow;
            return Json(progress.OrderByDescending(p => p.SubmittedAt).Select(p => LiveSweepViews.Summary(p, now)).ToList());
        });
        app.MapGet("/api/sweeps/{id}", async (IGrainFactory grains, string id) =>
            await Known(grains, id) is { } failed ? failed : Json(await View(grains, id)));
        app.MapGet("/api/sweeps/{id}/events", Events);

        app.MapGet("/sweeps/{id}/results.json", (IGrainFactory g, string id) => Download(g, id, "results.json", "application/json", ResultsExport.Json));
        app.MapGet("/sweeps/{id}/cells.csv", (IGrainFactory g, string id) => Download(g, id, "cells.csv", "text/csv", ResultsExport.CellsCsv));
        app.MapGet("/sweeps/{id}/alpha.csv", (IGrainFactory g, string id) => Download(g, id, "alpha.csv", "text/csv", ResultsExport.AlphaCsv));
        app.MapGet("/sweeps/{id}/fss.csv", (IGrainFactory g, string id) => Download(g, id, "fss.csv", "text/csv", ResultsExport.FssCsv));
        app.MapGet("/sweeps/{id}/report", (string id) => Results.Redirect($"/sweeps/{Uri.EscapeDataString(id)}/report/index.html"));
        app.MapGet("/sweeps/{id}/report/{file}", async (IGrainFactory g, LiveReports reports, string id, string file, HttpContext c) =>
        {
            if (await Known(g, id) is { } failed)
            {
                return failed;
            }
            var path = await reports.FileAsync(id, await g.GetGrain<ISweepAnalysisGrain>(id).GetResults(), file, c.RequestAborted);
            if (path is null)
            {
                return Results.NotFound($"no file '{file}' in the report of {id}");
            }
            Secure(c.Response);
            return Results.File(path, file.EndsWith(".html", StringComparison.Ordinal) ? "text/html; charset=utf-8"
                : file.EndsWith(".svg", StringComparison.Ordinal) ? "image/svg+xml" : file.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "application/octet-stream");
        });
    }

    /// <summary>The view of one sweep now: its progress and runs (the sweep grain) and its results (the analysis grain).</summary>
    private static async Task<LiveSweepView> View(IGrainFactory grains, string id)
    {
        var sweep = grains.GetGrain<ISweepControl>(id);
        // Progress before results: a view that says the sweep ended holds the results read after its end (exact,
        // not a fit debounced from before the last replica), so the page's last view is what `mentia results` exports.
        var progress = await sweep.GetProgress();
        var results = await grains.GetGrain<ISweepAnalysisGrain>(id).GetResults();
        var runs = await sweep.GetRuns();
        return LiveSweepViews.Build(progress, runs, results, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Server-sent events: the view as one `view` event whenever it changed (checked every <see cref="RefreshInterval"/>),
    /// and at least every <see cref="ResendInterval"/> so the elapsed time and ETA move during a long training; a comment
    /// line as a heartbeat otherwise; a `waiting` event (with the reason) while the cluster cannot answer (a silo lost,
    /// storage down: the stream stays open and goes on when it answers again, as `mentia watch` does); and an `end`
    /// event after the view of a sweep that is no longer running, so the browser stops listening instead of reconnecting.
    /// </summary>
    private static async Task Events(HttpContext context, IGrainFactory grains, string id)
    {
        var ct = context.RequestAborted;
        IResult? failed;
        try
        {
            failed = await Known(grains, id);
        }
        catch (Exception e) when (ClusterPoll.IsTransient(e, ct))
        {
            failed = null; // asked again inside the stream; a browser does not reconnect after an error status
        }
        if (failed is not null)
        {
            await failed.ExecuteAsync(context);
            return;
        }
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // a proxy in front must not hold the events back
        string? last = null;
        var sentAt = DateTimeOffset.MinValue;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                LiveSweepView view;
                try
                {
                    view = await View(grains, id);
                }
                catch (Exception e) when (ClusterPoll.IsTransient(e, ct))
                {
                    var waiting = JsonSerializer.Serialize(new { message = $"the cluster is not answering ({e.Message.Split('\n')[0]}); the sweep goes on, this page follows it again when it answers" }, JsonOutput.LineOptions);
                    await response.WriteAsync($"event: waiting\ndata: {waiting}\n\n", Encoding.UTF8, ct);
                    await response.Body.FlushAsync(ct);
                    last = null; // the next view is sent whatever it holds
                    await Task.Delay(RefreshInterval, ct);
                    continue;
                }
                // GeneratedAt, elapsed time and ETA change on every read; the rest says whether anything a reader sees changed.
                var json = JsonSerializer.Serialize(view, JsonOutput.LineOptions);
                var key = JsonSerializer.Serialize(view with { GeneratedAt = default, ElapsedSeconds = 0, EtaSeconds = null }, JsonOutput.LineOptions);
                if (key != last || DateTimeOffset.UtcNow - sentAt >= ResendInterval)
                {
                    await response.WriteAsync($"event: view\ndata: {json}\n\n", Encoding.UTF8, ct);
                    last = key;
                    sentAt = DateTimeOffset.UtcNow;
                }
                else
                {
                    await response.WriteAsync(": unchanged\n\n", ct);
                }
                await response.Body.FlushAsync(ct);
                if (view.Progress.State != SweepState.Running)
                {
                    await response.WriteAsync("event: end\ndata: {}\n\n", ct);
                    await response.Body.FlushAsync(ct);
                    return;
                }
                await Task.Delay(RefreshInterval, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the browser went away
        }
    }

    private static async Task<IResult> Download(IGrainFactory grains, string id, string name, string type, Func<SweepResults, string> write)
    {
        if (await Known(grains, id) is { } failed)
        {
            return failed;
        }
        var text = write(await grains.GetGrain<ISweepAnalysisGrain>(id).GetResults());
        return Results.File(Encoding.UTF8.GetBytes(text), type + "; charset=utf-8", $"{id}-{name}");
    }

    /// <summary>Null when the id is a sweep of this cluster; else the answer to give (400 for an id no sweep can have, 404 for an unknown one).</summary>
    private static async Task<IResult?> Known(IGrainFactory grains, string id)
    {
        if (SweepIds.Validate(id) is { } problem)
        {
            return BadId(id, problem);
        }
        return await grains.GetGrain<ISweepControl>(id).GetSpecText() is null
            ? Results.NotFound($"no sweep '{id}' in this cluster")
            : null;
    }

    private static IResult BadId(string id, string problem) =>
        Results.BadRequest($"{SweepIds.Quote(id)} is not a sweep id: {problem}; allowed: {SweepIds.Allowed}");

    private static IResult Json<T>(T value) => Results.Text(JsonSerializer.Serialize(value, JsonOutput.LineOptions), "application/json; charset=utf-8");

    private static IResult Page(HttpContext c, IFileProvider files, string name)
    {
        Secure(c.Response);
        var file = files.GetFileInfo(name);
        return Results.File(file.PhysicalPath!, "text/html; charset=utf-8");
    }

    private static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
