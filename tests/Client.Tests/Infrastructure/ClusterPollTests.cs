using System.Reflection;
using Mentia.Client.Commands;
using Mentia.Client.Infrastructure;
using Mentia.Core.Ledger;
using Mentia.GrainInterfaces;
using Orleans.Runtime;
using Spectre.Console;
using Xunit;

namespace Mentia.Client.Tests.Infrastructure;

/// <summary>A watch outlives a cluster that briefly does not answer, says so once, and gives up only past its patience.</summary>
public class ClusterPollTests
{
    /// <summary>A sweep grain whose GetProgress fails as a cluster under a fault does, a set number of times, then follows a script.</summary>
    public class FlakySweep : DispatchProxy
    {
        public Queue<Exception> Failures { get; } = new();
        /// <summary>Answers in order, each a failure or a progress, before <see cref="Failures"/> and <see cref="States"/>.</summary>
        public Queue<object> Script { get; } = new();
        public Queue<SweepProgress> States { get; } = new();
        public int Calls { get; private set; }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method?.Name != nameof(ISweepControl.GetProgress))
            {
                throw new InvalidOperationException($"unexpected call {method?.Name}");
            }
            Calls++;
            if (Script.TryDequeue(out var step))
            {
                return step is Exception scripted ? Task.FromException<SweepProgress>(scripted) : Task.FromResult((SweepProgress)step);
            }
            return Failures.TryDequeue(out var e) ? Task.FromException<SweepProgress>(e) : Task.FromResult(States.Count > 1 ? States.Dequeue() : States.Peek());
        }
    }

    private static SweepProgress Progress(SweepState state, int done) =>
        new("small-1", "small", state, 4, 4 - done, 0, 0, done, 0, done * 10L, 40, DateTimeOffset.UnixEpoch, state == SweepState.Running ? null : DateTimeOffset.UnixEpoch.AddSeconds(5), 0, null);

    [Fact]
    public void Placement_expiry_lost_silos_and_timeouts_are_transient_a_signal_and_other_errors_are_not()
    {
        using var signalled = new CancellationTokenSource();
        signalled.Cancel();
        // What Orleans threw at a client polling just after its storage came back (FaultToleranceTests).
        var expired = new OperationCanceledException("Message expired before placement could complete for grain sweep/x.");
        Assert.True(ClusterPoll.IsTransient(expired, CancellationToken.None));
        Assert.True(ClusterPoll.IsTransient(new SiloUnavailableException(), CancellationToken.None));
        Assert.True(ClusterPoll.IsTransient(new OrleansException("gateway lost"), CancellationToken.None));
        Assert.True(ClusterPoll.IsTransient(new TimeoutException(), CancellationToken.None));

        Assert.False(ClusterPoll.IsTransient(expired, signalled.Token)); // the user's Ctrl-C ends the watch
        Assert.False(ClusterPoll.IsTransient(new CommandInterruptedException("interrupted", 130), CancellationToken.None));
        Assert.False(ClusterPoll.IsTransient(new ArgumentException("no sweep 'x'"), CancellationToken.None));
        Assert.False(ClusterPoll.IsTransient(new InvalidOperationException(), CancellationToken.None));
    }

    [Fact]
    public async Task A_watch_waits_through_an_outage_says_so_once_and_ends_with_the_sweep()
    {
        var sweep = DispatchProxy.Create<ISweepControl, FlakySweep>();
        var flaky = (FlakySweep)(object)sweep;
        flaky.States.Enqueue(Progress(SweepState.Running, 1));
        flaky.States.Enqueue(Progress(SweepState.Done, 4));
        flaky.Failures.Enqueue(new OperationCanceledException("Message expired before placement could complete for grain sweep/small-1."));
        flaky.Failures.Enqueue(new SiloUnavailableException());
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });

        var final = await WatchCommand.FollowAsync(console, sweep, DispatchProxy.Create<ISweepAnalysisGrain, SyntheticResults>(),
            TimeSpan.FromSeconds(0.2), json: false, TestContext.Current.CancellationToken);

        Assert.Equal(SweepState.Done, final.State);
        Assert.Equal(4, flaky.Calls); // two failures, then running, then done
        var text = output.ToString();
        // One notice for the outage (two failed tries), naming what the cluster said, then the progress goes on.
        Assert.Equal(1, text.Split('\n').Count(l => l.Contains("has not answered", StringComparison.Ordinal)));
        Assert.Contains("Message expired before placement", text, StringComparison.Ordinal);
        Assert.Contains("the sweep goes on", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("has not answered", StringComparison.Ordinal) < text.LastIndexOf("small-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_outages_are_told_twice_one_line_each()
    {
        var sweep = DispatchProxy.Create<ISweepControl, FlakySweep>();
        var flaky = (FlakySweep)(object)sweep;
        foreach (var step in new object[] { new SiloUnavailableException(), Progress(SweepState.Running, 1), new TimeoutException("gateway"), new TimeoutException("gateway") })
        {
            flaky.Script.Enqueue(step);
        }
        flaky.States.Enqueue(Progress(SweepState.Done, 4));
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });

        // An interval far longer than the test: after the first answer no progress line is due when the second outage starts.
        await WatchCommand.FollowAsync(console, sweep, DispatchProxy.Create<ISweepAnalysisGrain, SyntheticResults>(),
            TimeSpan.FromSeconds(60), json: false, TestContext.Current.CancellationToken);

        Assert.Equal(2, output.ToString().Split('\n').Count(l => l.Contains("has not answered", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Past_its_patience_a_poll_reports_the_cluster_unavailable_with_the_last_error()
    {
        var tries = 0;
        var e = await Assert.ThrowsAsync<ClusterUnavailableException>(() => ClusterPoll.CallAsync<int>(() =>
        {
            tries++;
            throw new SiloUnavailableException("silo 10.0.0.7 is dead");
        }, null, TestContext.Current.CancellationToken, patience: TimeSpan.FromSeconds(1.5)));
        Assert.InRange(tries, 2, 4);
        Assert.Contains("has not answered", e.Message, StringComparison.Ordinal);
        Assert.Contains("silo 10.0.0.7 is dead", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_that_is_not_the_cluster_s_is_thrown_at_once()
    {
        var tries = 0;
        await Assert.ThrowsAsync<ArgumentException>(() => ClusterPoll.CallAsync<int>(() =>
        {
            tries++;
            throw new ArgumentException("no sweep 'x'");
        }, null, TestContext.Current.CancellationToken));
        Assert.Equal(1, tries);
    }

    [Fact]
    public void A_one_shot_command_reports_a_cluster_that_did_not_answer_without_an_exception_name()
    {
        var report = ErrorReport.From(new SiloUnavailableException("silo S10.0.0.7:11111 is dead"));
        Assert.Equal("cluster-unavailable", report.Kind);
        Assert.Equal(ExitCodes.Failure, report.Code);
        Assert.Contains("the cluster did not answer", report.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", report.Message, StringComparison.Ordinal);
    }

    /// <summary>An analysis grain with a synthetic sweep's results: the plain watch prints their boundary table at the end.</summary>
    public class SyntheticResults : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? method, object?[]? args) =>
            method?.Name == nameof(ISweepAnalysisGrain.GetResults)
                ? Task.FromResult(ReportSynthetic.Build())
                : throw new InvalidOperationException($"unexpected call {method?.Name}");
    }
}
