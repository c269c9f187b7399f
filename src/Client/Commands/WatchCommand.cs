using Mentia.Core.Ledger;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mentia.Client.Infrastructure;
using Mentia.Client.Output;
using Mentia.GrainInterfaces;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Rendering;

namespace Mentia.Client.Commands;

/// <summary>
/// `mentia watch ID`: live progress (replicas trained, passes evaluated, rate, ETA) and the current
/// boundary per p_t, until the sweep ends. On a terminal it redraws in place; redirected (CI logs) it
/// prints a plain line per interval.
/// </summary>
public sealed class WatchCommand(IAnsiConsole console, StopSignals signals) : AsyncCommand<WatchCommand.Settings>
{
    public sealed class Settings : SweepIdSettings
    {
        [CommandOption("--interval <SECONDS>")]
        [Description("Seconds between updates. Default: 2")]
        public double Interval { get; init; } = 2;

        public override ValidationResult Validate() =>
            Interval is < 0.2 or > 3600 ? ValidationResult.Error($"--interval: {Interval} is out of range; allowed: [0.2, 3600]") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var cluster = await settings.ConnectAsync(cancellationToken);
        var sweep = await settings.SweepAsync(cluster, cancellationToken);
        signals.Explain(() => GoesOn(settings.Id));
        var analysis = cluster.Client.GetGrain<ISweepAnalysisGrain>(settings.Id);
        var progress = await FollowAsync(console, sweep, analysis, TimeSpan.FromSeconds(settings.Interval), settings.Json, cancellationToken);
        return progress.State == SweepState.Done ? ExitCodes.Ok : ExitCodes.Failure;
    }

    /// <summary>What stopping a watch leaves behind: the sweep, untouched.</summary>
    internal static string GoesOn(string id) => $"the sweep {id} goes on in the cluster (`mentia watch {id}` follows it again, `mentia cancel {id}` stops it)";

    /// <summary>
    /// Shows the sweep's progress until it leaves Running; returns the final progress. Every call to the
    /// cluster gives up on <paramref name="cancellationToken"/> (a signal): the watch stops at once, the sweep does not.
    /// A cluster that briefly does not answer (a silo lost, storage down) is waited for, with a notice
    /// (<see cref="ClusterPoll"/>). With
    /// <paramref name="json"/>, one JSON object per line (the progress and its ETA) and nothing else,
    /// on a terminal too: a script piping it reads each line as it comes.
    /// </summary>
    public static async Task<SweepProgress> FollowAsync(IAnsiConsole console, ISweepControl sweep, ISweepAnalysisGrain analysis, TimeSpan interval, bool json, CancellationToken cancellationToken)
    {
        var rate = new RateEstimate();
        SweepProgress progress;
        if (json)
        {
            // Nothing but progress objects on stdout: an outage shows as a gap between lines.
            return await LinesAsync(sweep, interval, rate, (p, eta) => JsonOutput.WriteLine(console, JsonLine(p, eta)), cancellationToken, waiting: null);
        }
        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi)
        {
            progress = await ClusterPoll.CallAsync(sweep.GetProgress, null, cancellationToken);
            await console.Live(new Markup("connecting...")).StartAsync(async live =>
            {
                IRenderable? shown = null;
                void Waiting(Exception e, TimeSpan silent, int failures)
                {
                    var notice = new Markup($"[yellow]{Markup.Escape(NotAnswering(e, silent))}[/]");
                    live.UpdateTarget(shown is null ? notice : new Rows(shown, notice));
                }
                while (true)
                {
                    progress = await ClusterPoll.CallAsync(sweep.GetProgress, Waiting, cancellationToken);
                    var rows = BoundaryRows.From(await ClusterPoll.CallAsync(analysis.GetResults, Waiting, cancellationToken));
                    shown = Render(progress, rate.Update(progress), rows, console.Profile.Width);
                    live.UpdateTarget(shown);
                    if (progress.State != SweepState.Running)
                    {
                        break;
                    }
                    await Task.Delay(interval, cancellationToken);
                }
            });
            return progress;
        }
        void Tell(Exception e, TimeSpan silent, int failures)
        {
            // One line per outage in a log (its first failure), not one per retry.
            if (failures == 1)
            {
                console.PlainLine(NotAnswering(e, silent));
            }
        }
        progress = await LinesAsync(sweep, interval, rate,
            (p, eta) => console.PlainLine(SweepText.Progress(p) + (eta is { } e ? $"; ETA {e.TotalSeconds:0} s" : "")), cancellationToken, Tell);
        console.Write(BoundaryRows.Render(BoundaryRows.From(await ClusterPoll.CallAsync(analysis.GetResults, Tell, cancellationToken)), console.Profile.Width));
        return progress;
    }

    /// <summary>A line per interval until the sweep leaves Running, and always one for the final state.</summary>
    private static async Task<SweepProgress> LinesAsync(ISweepControl sweep, TimeSpan interval, RateEstimate rate, Action<SweepProgress, TimeSpan?> write,
        CancellationToken cancellationToken, Action<Exception, TimeSpan, int>? waiting)
    {
        // The end is noticed within a quarter second, whatever the interval: `submit --wait` is timed to the results.
        var check = TimeSpan.FromTicks(Math.Min(interval.Ticks, TimeSpan.FromMilliseconds(250).Ticks));
        var nextLine = DateTimeOffset.MinValue;
        while (true)
        {
            var progress = await ClusterPoll.CallAsync(sweep.GetProgress, waiting, cancellationToken);
            if (progress.State != SweepState.Running || DateTimeOffset.UtcNow >= nextLine)
            {
                write(progress, rate.Update(progress));
                nextLine = DateTimeOffset.UtcNow + interval;
            }
            if (progress.State != SweepState.Running)
            {
                return progress;
            }
            await Task.Delay(check, cancellationToken);
        }
    }

    /// <summary>What the watch shows while the cluster does not answer: the sweep itself goes on.</summary>
    internal static string NotAnswering(Exception e, TimeSpan silent) =>
        $"the cluster has not answered for {silent.TotalSeconds:0} s ({e.Message.Split('\n')[0]}); still watching, the sweep goes on";

    /// <summary>One `watch --json` line: the progress as `status --json` prints it, and etaSeconds (null until a rate is known).</summary>
    internal static JsonObject JsonLine(SweepProgress p, TimeSpan? eta)
    {
        var line = JsonSerializer.SerializeToNode(p, JsonOutput.Options)!.AsObject();
        line["etaSeconds"] = eta is { } e ? Math.Round(e.TotalSeconds, 1) : null;
        return line;
    }

    private static IRenderable Render(SweepProgress p, TimeSpan? eta, IReadOnlyList<BoundaryRow> rows, int width)
    {
        var trained = p.Done + p.Evaluating;
        var header = new Markup($"[bold]{Markup.Escape(p.SweepId)}[/] {p.State.ToString().ToLowerInvariant()}"
            + (eta is { } e ? $", ETA {e.TotalSeconds:0} s" : "") + (p.Retrained > 0 ? $", {p.Retrained} re-dispatched" : ""));
        var stages = new Grid().AddColumn().AddColumn().AddColumn();
        stages.AddRow(new Markup("training"), Bar(trained, p.Replicas, Color.Yellow), new Markup($"{trained}/{p.Replicas} replicas ({p.Training} on devices, {p.Queued} queued)"));
        stages.AddRow(new Markup("evaluation"), Bar(p.PassesDone, p.PassesTotal, Color.Green), new Markup($"{p.PassesDone}/{p.PassesTotal} passes"));
        return new Rows(header, stages, BoundaryRows.Render(rows, width));
    }

    private static BreakdownChart Bar(long done, long total, Color color) =>
        new BreakdownChart().Width(40).HideTags().AddItem("done", done, color).AddItem("left", Math.Max(0, total - done), Color.Grey23);

    /// <summary>Replicas per second over the watch so far, and the time the rest will take at that rate.</summary>
    private sealed class RateEstimate
    {
        private (DateTimeOffset At, int Done)? _first;

        public TimeSpan? Update(SweepProgress p)
        {
            var now = DateTimeOffset.UtcNow;
            _first ??= (now, p.Done);
            var (at, done) = _first.Value;
            var seconds = (now - at).TotalSeconds;
            var gained = p.Done - done;
            if (gained <= 0 || seconds <= 0 || p.State != SweepState.Running)
            {
                return null;
            }
            return TimeSpan.FromSeconds((p.Replicas - p.Done) * seconds / gained);
        }
    }
}
