using System.Diagnostics;
using System.Globalization;
using Mentia.Client.Local;
using Spectre.Console;

namespace Mentia.Client.Output;

/// <summary>
/// The progress of `mentia run` in the units the work is done in: epochs trained and evaluation passes, with
/// the share of the whole work and an ETA from the first epoch on (<see cref="RunProgress"/>). Bars on a
/// terminal; plain lines (at most one every few seconds, and the last) when output is redirected, so CI logs stay readable.
/// </summary>
public static class ProgressDisplay
{
    private static readonly TimeSpan LineEvery = TimeSpan.FromSeconds(5), BarEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs <paramref name="work"/>, giving it the callback to call whenever <paramref name="progress"/> changed.</summary>
    public static T Run<T>(IAnsiConsole console, RunProgress progress, Func<Action, T> work)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(work);
        var clock = Stopwatch.StartNew();
        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi)
        {
            return console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var sweep = ctx.AddTask("sweep", maxValue: 1000);
                    var training = ctx.AddTask("training", maxValue: progress.RunsTotal);
                    var evaluation = ctx.AddTask("evaluation", maxValue: progress.PassesTotal);
                    // The engine reports every member's every epoch on the training thread; the bars redraw ten times a
                    // second, and the share and ETA walk every run: computed at most as often as drawn.
                    return work(Every(BarEvery, clock, progress, () =>
                    {
                        sweep.Value = 1000 * progress.Fraction;
                        sweep.Description = Markup.Escape($"sweep, {Eta(progress)}");
                        training.Value = progress.RunsTrained;
                        training.Description = Markup.Escape($"training: {progress.Epochs:N0} epochs, {progress.RunsTrained}/{progress.RunsTotal} replicas");
                        evaluation.Value = progress.PassesDone;
                        evaluation.Description = Markup.Escape($"evaluation: {progress.PassesDone:N0}/{progress.PassesTotal:N0} passes");
                    }));
                });
        }
        return work(Every(LineEvery, clock, progress, () => console.PlainLine(Line(progress, clock.Elapsed))));
    }

    /// <summary><paramref name="show"/> at most once per <paramref name="every"/>, and always for the last pass.</summary>
    private static Action Every(TimeSpan every, Stopwatch clock, RunProgress progress, Action show)
    {
        TimeSpan? last = null;
        return () =>
        {
            var now = clock.Elapsed;
            if (last is { } l && now - l < every && progress.PassesDone < progress.PassesTotal)
            {
                return;
            }
            last = now;
            show();
        };
    }

    /// <summary>"epochs 312, replicas trained 16/80, passes 800/4,000, 23% of the work, 40 s elapsed, ETA 2 min 10 s".</summary>
    public static string Line(RunProgress progress, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return string.Create(CultureInfo.InvariantCulture,
            $"epochs {progress.Epochs:N0}, replicas trained {progress.RunsTrained}/{progress.RunsTotal}, passes {progress.PassesDone:N0}/{progress.PassesTotal:N0}, " +
            $"{100 * progress.Fraction:0}% of the work, {Duration(elapsed)} elapsed, {Eta(progress)}");
    }

    private static string Eta(RunProgress progress) =>
        progress.Eta() is { } eta ? $"ETA {Duration(eta)}" : "ETA after the first epoch";

    /// <summary>"45 s", "12 min 5 s", "3 h 20 min".</summary>
    public static string Duration(TimeSpan t) => t.TotalSeconds < 60 ? $"{t.TotalSeconds:0} s"
        : t.TotalMinutes < 60 ? $"{(int)t.TotalMinutes} min {t.Seconds} s"
        : $"{(int)t.TotalHours} h {t.Minutes} min";
}
