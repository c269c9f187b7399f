using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mentia.Client.Infrastructure;
using Mentia.Client.Output;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests;

/// <summary>
/// SIGINT and SIGTERM stop long commands promptly: exit 130 and 143, one line on stderr naming the signal and
/// what the stop left behind, no stack trace. The process tests send real signals to the built CLI (`kill`);
/// the in-process ones raise them through StopSignals with no grace timer behind them, so they pass only if
/// the command itself honours the cancellation (a watch's connection and calls, the engine's training loop).
/// </summary>
public sealed partial class SignalTests : IDisposable
{
    // Generous for a loaded 2-core machine; the point is seconds, not the minutes a training or a watch would take.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    /// <summary>A gateway that accepts TCP connections and never says a word: a cluster command waits on it indefinitely.</summary>
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _held = [];
    private int _accepted;

    public SignalTests()
    {
        _silent.Start();
        _ = AcceptForever();
    }

    private int Port => ((IPEndPoint)_silent.LocalEndpoint).Port;

    private async Task AcceptForever()
    {
        try
        {
            while (true)
            {
                var socket = await _silent.AcceptSocketAsync();
                lock (_held)
                {
                    _held.Add(socket); // held open, never read or written
                }
                Interlocked.Increment(ref _accepted);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // the listener was stopped: the test is over
        }
    }

    private bool Connected() => Volatile.Read(ref _accepted) > 0;

    private static string QuickSpec => Path.Combine(RepoPaths.Root, "examples", "quick.yaml");

    /// <summary>One line on stderr, the interruption's, and nothing of an exception.</summary>
    private static string AssertOneInterruptLine(string err, string signal)
    {
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: interrupted by {signal}", line);
        Assert.DoesNotContain("Exception", err);
        Assert.DoesNotContain("   at ", err);
        return line;
    }

    [Fact]
    public void Watch_waiting_on_a_gateway_that_never_answers_exits_130_on_SIGINT()
    {
        using var cli = CliProcess.Start("watch", "quick-0123456789", "--gateway", $"127.0.0.1:{Port}", "--timeout", "3600");
        Assert.True(cli.WaitFor(Connected, TimeSpan.FromSeconds(60)), "the watch never connected to the gateway\n" + cli.Err);
        cli.Signal("INT");
        var exit = cli.WaitForExit(Bound);
        Assert.True(exit is not null, $"still running {Bound.TotalSeconds} s after SIGINT\n{cli.Err}");
        Assert.Equal(StopSignals.InterruptExitCode, exit.Value.Code);
        AssertOneInterruptLine(cli.Err, "SIGINT");
    }

    [Theory]
    [InlineData("INT", 130, "SIGINT")]
    [InlineData("TERM", 143, "SIGTERM")]
    public void A_command_still_connecting_to_a_gateway_that_refuses_stops_on_the_signal(string signal, int code, string name)
    {
        // Nothing listens: the client retries connecting, and its host must not take the signal for itself.
        using var cli = CliProcess.Start("status", "quick-0123456789", "--gateway", $"127.0.0.1:{TestPorts.Closed()}", "--timeout", "3600");
        Thread.Sleep(TimeSpan.FromSeconds(3));
        cli.Signal(signal);
        var exit = cli.WaitForExit(Bound);
        Assert.True(exit is not null, $"still running {Bound.TotalSeconds} s after {name}\n{cli.Err}");
        Assert.Equal(code, exit.Value.Code);
        AssertOneInterruptLine(cli.Err, name);
    }

    [Fact]
    public void Watch_json_exits_143_on_SIGTERM_with_the_error_object_on_stdout()
    {
        using var cli = CliProcess.Start("watch", "quick-0123456789", "--json", "--gateway", $"127.0.0.1:{Port}", "--timeout", "3600");
        Assert.True(cli.WaitFor(Connected, TimeSpan.FromSeconds(60)), "the watch never connected to the gateway\n" + cli.Err);
        cli.Signal("TERM");
        var exit = cli.WaitForExit(Bound);
        Assert.True(exit is not null, $"still running {Bound.TotalSeconds} s after SIGTERM\n{cli.Err}");
        Assert.Equal(StopSignals.TerminateExitCode, exit.Value.Code);
        AssertOneInterruptLine(cli.Err, "SIGTERM");
        var error = JsonDocument.Parse(Assert.Single(cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement.GetProperty("error");
        Assert.Equal(143, error.GetProperty("code").GetInt32());
        Assert.Equal("interrupted", error.GetProperty("kind").GetString());
    }

    [Fact]
    public void Submit_wait_exits_143_on_SIGTERM_saying_nothing_was_submitted()
    {
        using var cli = CliProcess.Start("submit", QuickSpec, "--wait", "--gateway", $"127.0.0.1:{Port}", "--timeout", "3600");
        Assert.True(cli.WaitFor(Connected, TimeSpan.FromSeconds(60)), "submit never connected to the gateway\n" + cli.Err);
        cli.Signal("TERM");
        var exit = cli.WaitForExit(Bound);
        Assert.True(exit is not null, $"still running {Bound.TotalSeconds} s after SIGTERM\n{cli.Err}");
        Assert.Equal(StopSignals.TerminateExitCode, exit.Value.Code);
        Assert.Equal("error: interrupted by SIGTERM; nothing was submitted", AssertOneInterruptLine(cli.Err, "SIGTERM"));
    }

    [Fact]
    public void Run_stopped_before_any_replica_is_evaluated_exits_143_and_writes_nothing()
    {
        TestMnist.Load(); // fetched if missing, so the process below only reads it
        var outDir = Path.Combine(RepoPaths.NewTempFolder("run-sigterm"), "out");
        using var cli = CliProcess.Start("run", QuickSpec, "--mnist", TestMnist.Folder, "--device", "cpu", "--out", outDir);
        Assert.True(cli.WaitFor(() => cli.Out.Contains("80 replicas to train", StringComparison.Ordinal), TimeSpan.FromSeconds(120)), "training never started\n" + cli.Out + cli.Err);
        Thread.Sleep(1000); // inside the first ensemble's training (about 10 s on 2 cores)
        cli.Signal("TERM");
        var exit = cli.WaitForExit(Bound);
        Assert.True(exit is not null, $"still running {Bound.TotalSeconds} s after SIGTERM\n{cli.Err}");
        Assert.Equal(StopSignals.TerminateExitCode, exit.Value.Code);
        Assert.Matches(NothingEvaluated(), AssertOneInterruptLine(cli.Err, "SIGTERM"));
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any(), $"{outDir} has files");
    }

    [Fact]
    public async Task In_process_the_training_itself_stops_on_the_token_and_the_partial_cells_are_the_full_runs_numbers()
    {
        TestMnist.Load();
        var outDir = Path.Combine(RepoPaths.NewTempFolder("run-token"), "out");
        // The folder holds a finished result (the fixture re-analysed): a stopped run must not write over it.
        Assert.Equal(0, CliRunner.Run("analyze", Path.Combine(RepoPaths.Root, "tests", "Client.Tests", "Fixtures", "quick-mnist", "cells.csv"), "--out", outDir).Code);
        var finished = File.ReadAllText(Path.Combine(outDir, "results.json"));
        using var signals = StopSignals.None(); // no grace timer: only the command's own cancellation can end it
        var live = CliRunner.Start(signals, "run", QuickSpec, "--mnist", TestMnist.Folder, "--device", "cpu", "--out", outDir);
        // Output is redirected: a progress line every 5 s. Stop once the first ensemble's runs are being evaluated.
        var evaluating = SpinWait.SpinUntil(() => EvaluatedSome().IsMatch(live.Out) || live.Task.IsCompleted, TimeSpan.FromSeconds(240));
        Assert.True(evaluating && !live.Task.IsCompleted, "evaluation never started\n" + live.Out + live.Err);
        signals.Raise(PosixSignal.SIGTERM);
        var code = await Ended(live, "the run went on");
        Assert.Equal(StopSignals.TerminateExitCode, code);
        Assert.Matches(PartialWritten(), AssertOneInterruptLine(live.Err, "SIGTERM"));

        Assert.Equal(finished, File.ReadAllText(Path.Combine(outDir, "results.json")));
        var partial = ResultsExport.ReadJson(Path.Combine(outDir + "-partial", "results.json"));
        Assert.Equal("partial", partial.State);
        Assert.InRange(partial.ReplicasDone, 1, 79);
        Assert.True(partial.CellsComplete < partial.CellsTotal);
        Assert.NotEmpty(partial.Cells);
        Assert.All(partial.Cells, c => Assert.InRange(c.Statistics.Runs, 1, 4));
        // Same seeds, same numbers: a cell that got all its runs before the stop is the full sweep's cell, bit for bit.
        var full = File.ReadLines(Path.Combine(RepoPaths.Root, "tests", "Client.Tests", "Fixtures", "quick-mnist", "cells.csv")).Skip(1)
            .ToDictionary(l => string.Join(',', l.Split(',').Take(5)), l => string.Join(',', l.Split(',').Skip(5)));
        var complete = ResultsExport.CellsCsv(partial).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Where(l => l.Split(',')[5] == "4").ToList();
        Assert.All(complete, l => Assert.Equal(full[string.Join(',', l.Split(',').Take(5))], string.Join(',', l.Split(',').Skip(5))));
        Assert.Equal(partial.CellsComplete, complete.Count);
    }

    [Fact]
    public async Task In_process_a_watch_connecting_to_a_silent_gateway_stops_on_the_token()
    {
        using var signals = StopSignals.None();
        var live = CliRunner.Start(signals, "watch", "quick-0123456789", "--gateway", $"127.0.0.1:{Port}", "--timeout", "3600");
        Assert.True(SpinWait.SpinUntil(Connected, TimeSpan.FromSeconds(60)), "the watch never connected\n" + live.Err);
        signals.Raise(PosixSignal.SIGINT);
        var code = await Ended(live, "the watch went on");
        Assert.Equal(StopSignals.InterruptExitCode, code);
        Assert.Equal("error: interrupted by SIGINT", AssertOneInterruptLine(live.Err, "SIGINT"));
    }

    /// <summary>The command's exit code once it has ended, failing when it has not within <see cref="Bound"/> of the signal.</summary>
    private static async Task<int> Ended(CliRunner.Live live, string what)
    {
        var ended = await Task.WhenAny(live.Task, Task.Delay(Bound));
        Assert.True(ended == live.Task, $"{what} {Bound.TotalSeconds} s after the token was cancelled\n{live.Err}");
        return await live.Task;
    }

    [GeneratedRegex(@"^error: interrupted by SIGTERM; partial results \(\d+ of 80 replicas evaluated, \d+ of 200 cells complete; state 'partial'\) written to .+-partial \(the finished results in .+ are kept\); run the spec again for all of it$")]
    private static partial Regex PartialWritten();

    [GeneratedRegex(@"^error: interrupted by SIGTERM; no replica had finished training and evaluation; nothing was written to .+$")]
    private static partial Regex NothingEvaluated();

    [GeneratedRegex(@"passes [1-9][0-9,]*/4,000")]
    private static partial Regex EvaluatedSome();

    public void Dispose()
    {
        _silent.Stop();
        lock (_held)
        {
            foreach (var s in _held)
            {
                s.Dispose();
            }
        }
    }
}
