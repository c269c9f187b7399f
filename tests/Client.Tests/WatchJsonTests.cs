using System.Reflection;
using System.Text.Json;
using Mentia.Client.Commands;
using Mentia.Core.Ledger;
using Mentia.GrainInterfaces;
using Spectre.Console;
using Xunit;

namespace Mentia.Client.Tests;

/// <summary>`watch --json` (and `submit --wait --json`): one progress object per line on stdout, nothing else.</summary>
public class WatchJsonTests
{
    /// <summary>A sweep grain that answers GetProgress from a script of states; any other call is a test failure.</summary>
    public class ScriptedSweep : DispatchProxy
    {
        public Queue<SweepProgress> States { get; } = new();

        protected override object? Invoke(MethodInfo? method, object?[]? args) => method?.Name switch
        {
            nameof(ISweepControl.GetProgress) => Task.FromResult(States.Count > 1 ? States.Dequeue() : States.Peek()),
            _ => throw new InvalidOperationException($"watch --json should not call {method?.Name}"),
        };
    }

    /// <summary>An analysis grain that must not be asked: the JSON stream carries progress only.</summary>
    public class UnusedAnalysis : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? method, object?[]? args) =>
            throw new InvalidOperationException($"watch --json should not call {method?.Name}");
    }

    private static SweepProgress Progress(SweepState state, int done) =>
        new("quick-1", "quick", state, 8, 8 - done, 0, 0, done, 0, done * 10L, 80, DateTimeOffset.UnixEpoch, state == SweepState.Running ? null : DateTimeOffset.UnixEpoch.AddSeconds(5), 0, null);

    [Fact]
    public async Task Each_update_is_one_json_object_on_its_own_line_and_the_last_is_the_final_state()
    {
        var sweep = DispatchProxy.Create<ISweepControl, ScriptedSweep>();
        var script = (ScriptedSweep)(object)sweep;
        foreach (var p in new[] { Progress(SweepState.Running, 0), Progress(SweepState.Running, 4), Progress(SweepState.Done, 8) })
        {
            script.States.Enqueue(p);
        }
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            // A terminal: --json must not switch to the live display there either.
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });
        var final = await WatchCommand.FollowAsync(console, sweep, DispatchProxy.Create<ISweepAnalysisGrain, UnusedAnalysis>(),
            TimeSpan.FromSeconds(0.2), json: true, TestContext.Current.CancellationToken);

        Assert.Equal(SweepState.Done, final.State);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, output.ToString());
        var parsed = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList(); // every line alone is JSON
        Assert.All(parsed, p => Assert.Equal("quick-1", p.GetProperty("sweepId").GetString()));
        Assert.All(parsed, p => Assert.True(p.TryGetProperty("etaSeconds", out _)));
        Assert.Equal("running", parsed[0].GetProperty("state").GetString());
        Assert.Equal("done", parsed[^1].GetProperty("state").GetString());
        Assert.Equal(8, parsed[^1].GetProperty("done").GetInt32());
    }
}
