using Spectre.Console;

namespace Mentia.Client.Tests;

/// <summary>Runs `mentia` in-process with captured standard output and error.</summary>
internal static class CliRunner
{
    public sealed record Result(int Code, string Out, string Err);

    public static Result Run(params string[] args) => Run(null, args);

    /// <summary>As <see cref="Run(string[])"/> on a terminal <paramref name="width"/> columns wide.</summary>
    public static Result RunAt(int width, params string[] args) => Run(null, width, args);

    /// <summary>As <see cref="Run(string[])"/>, with <paramref name="signals"/> standing in for the process's SIGINT and SIGTERM (StopSignals.Raise).</summary>
    public static Result Run(Mentia.Client.Infrastructure.StopSignals? signals, params string[] args) => Run(signals, 200, args);

    private static Result Run(Mentia.Client.Infrastructure.StopSignals? signals, int width, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = MentiaApp.Run(args, Console(output, width), Console(error, width), signals);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Starts `mentia` in-process on another thread, with output that can be read while it runs (for a test
    /// that waits for a line, then raises a signal through <paramref name="signals"/>).
    /// </summary>
    public static Live Start(Mentia.Client.Infrastructure.StopSignals signals, params string[] args)
    {
        var live = new Live();
        live.Task = Task.Run(() => MentiaApp.Run(args, Console(live.OutWriter), Console(live.ErrWriter), signals));
        return live;
    }

    /// <summary>A command running in-process: its output so far, and its exit code when it ends.</summary>
    public sealed class Live
    {
        private readonly StringWriter _out = new(), _err = new();

        public Live()
        {
            // Synchronized writers lock on themselves; reading under the same lock sees whole writes.
            OutWriter = TextWriter.Synchronized(_out);
            ErrWriter = TextWriter.Synchronized(_err);
        }

        internal TextWriter OutWriter { get; }
        internal TextWriter ErrWriter { get; }
        public Task<int> Task { get; internal set; } = null!;

        public string Out
        {
            get
            {
                lock (OutWriter)
                {
                    return _out.ToString();
                }
            }
        }

        public string Err
        {
            get
            {
                lock (ErrWriter)
                {
                    return _err.ToString();
                }
            }
        }
    }

    private static IAnsiConsole Console(TextWriter writer, int width = 200)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // As `mentia` does for pipes (MentiaApp): wide enough that a table row stays on one line.
        console.Profile.Width = width;
        return console;
    }
}
