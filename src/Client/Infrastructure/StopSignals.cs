using System.Runtime.InteropServices;

namespace Mentia.Client.Infrastructure;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM as a <see cref="CancellationToken"/> every command is given. A command that
/// honours the token ends at once and its exception is reported as the interruption (exit 130 for SIGINT,
/// 143 for SIGTERM, as a shell reports a process killed by them); one line on stderr, never a stack trace.
/// If the command has not ended <see cref="Grace"/> after the signal (a call that does not take the token),
/// or a second signal comes, the interruption is reported and the process exits anyway: a user who pressed
/// Ctrl-C, or an orchestrator that sent SIGTERM, gets a stopped process, not a promise.
/// </summary>
public sealed class StopSignals : IDisposable
{
    /// <summary>The exit codes of a process ended by SIGINT and by SIGTERM (128 + the signal's number).</summary>
    public const int InterruptExitCode = 130, TerminateExitCode = 143;

    /// <summary>How long a command has after the signal to end by itself before the process exits without it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource _cts = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly ManualResetEventSlim _finished = new();
    private readonly bool _exitWhenStuck;
    private volatile Func<string?>? _detail;
    private volatile Func<int>? _report;
    private int _received; // the PosixSignal's value, 0 for none
    private long _graceTicks = Grace.Ticks;
    private int _reported;

    private StopSignals(bool exitWhenStuck) => _exitWhenStuck = exitWhenStuck;

    /// <summary>Listens for SIGINT and SIGTERM in this process; for Program, which owns the process and may end it.</summary>
    public static StopSignals Listen()
    {
        var signals = new StopSignals(exitWhenStuck: true);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            signals._registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true; // ours to handle: the command is told, and the process ends through us
                signals.Raise(context.Signal);
            }));
        }
        return signals;
    }

    /// <summary>No handlers: what a command run in-process (tests) gets; <see cref="Raise"/> stands in for a signal.</summary>
    public static StopSignals None() => new(exitWhenStuck: false);

    /// <summary>Cancelled when the first signal arrives.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>The first signal received, or null.</summary>
    public PosixSignal? Received => _received == 0 ? null : (PosixSignal)_received;

    /// <summary>130 after SIGINT, 143 after SIGTERM.</summary>
    public int ExitCode => Received == PosixSignal.SIGTERM ? TerminateExitCode : InterruptExitCode;

    /// <summary>
    /// What an interruption means from now on, for the one line that reports it ("nothing was written",
    /// "the sweep goes on in the cluster"). Read when the line is written, so it may quote progress.
    /// </summary>
    public void Explain(Func<string?> detail) => _detail = detail;

    /// <summary>
    /// Gives the command <paramref name="grace"/> instead of <see cref="Grace"/> to end after a signal, for a
    /// command that saves what it has on the way out (`mentia run` writes its partial results). A second
    /// signal still ends the process at once.
    /// </summary>
    public void AllowForSaving(TimeSpan grace) => Interlocked.Exchange(ref _graceTicks, grace.Ticks);

    /// <summary>Set by the app: writes the interruption (<see cref="Interruption"/>) where errors go; returns the exit code.</summary>
    internal void OnReport(Func<int> report) => _report = report;

    /// <summary>The interruption as the exception the error reporter turns into a line and an exit code.</summary>
    public CommandInterruptedException Interruption()
    {
        var name = Received == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";
        string? detail;
        try
        {
            detail = _detail?.Invoke();
        }
#pragma warning disable CA1031 // a detail that cannot be computed must not cost the line that says the command stopped
        catch (Exception)
#pragma warning restore CA1031
        {
            detail = null;
        }
        return new CommandInterruptedException(detail is { Length: > 0 } ? $"interrupted by {name}; {detail}" : $"interrupted by {name}", ExitCode);
    }

    /// <summary>Reports the interruption once, however many paths (the command's end, the grace timer) get here; returns the exit code.</summary>
    public int ReportOnce()
    {
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            _report?.Invoke();
        }
        return ExitCode;
    }

    /// <summary>What a signal does: cancel the token, and make sure the process ends within <see cref="Grace"/> (or what <see cref="AllowForSaving"/> set).</summary>
    public void Raise(PosixSignal signal)
    {
        if (Interlocked.CompareExchange(ref _received, (int)signal, 0) != 0)
        {
            // A second signal: the user insists. No more waiting for the command.
            if (_exitWhenStuck)
            {
                Environment.Exit(ReportOnce());
            }
            return;
        }
        _cts.Cancel();
        if (_exitWhenStuck)
        {
            // A thread of its own, not the pool's: it must run even when the pool is busy with what is stuck.
            new Thread(() =>
            {
                // Read as it goes: a command may ask for more time after the signal, while it saves.
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (!_finished.Wait(TimeSpan.FromMilliseconds(100)))
                {
                    if (clock.Elapsed.Ticks > Interlocked.Read(ref _graceTicks))
                    {
                        Environment.Exit(ReportOnce());
                    }
                }
            }) { IsBackground = true, Name = "mentia-stop" }.Start();
        }
    }

    /// <summary>The command has ended: the grace timer stands down and signals get their default meaning back.</summary>
    public void Dispose()
    {
        _finished.Set();
        foreach (var r in _registrations)
        {
            r.Dispose();
        }
        _registrations.Clear();
    }
}
