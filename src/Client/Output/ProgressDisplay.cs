using Spectre.Console;

namespace Mentia.Client.Output;

/// <summary>
/// Progress bars for training and evaluation with rate and ETA on a terminal; plain lines (at most one
/// every few seconds) when output is redirected, so CI logs stay readable.
/// </summary>
public static class ProgressDisplay
{
    public static T Run<T>(IAnsiConsole console, int total, Func<Action<int, int>, T> work)
    {
        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi)
        {
            return console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var training = ctx.AddTask("training", maxValue: total);
                    var evaluation = ctx.AddTask("evaluation", maxValue: total);
                    return work((trained, evaluated) =>
                    {
                        training.Value = trained;
                        evaluation.Value = evaluated;
                    });
                });
        }
        var started = DateTime.UtcNow;
        var last = DateTime.MinValue;
        return work((trained, evaluated) =>
        {
            var now = DateTime.UtcNow;
            if ((now - last).TotalSeconds < 5 && evaluated < total)
            {
                return;
            }
            last = now;
            var elapsed = (now - started).TotalSeconds;
            var eta = evaluated > 0 ? elapsed / evaluated * (total - evaluated) : double.NaN;
            console.PlainLine($"trained {trained}/{total}, evaluated {evaluated}/{total}, {elapsed:0} s elapsed{(double.IsFinite(eta) ? $", ETA {eta:0} s" : "")}");
        });
    }
}
