using Mentia.Core.Ledger;
using Xunit;

namespace Mentia.Core.Tests.Ledger;

/// <summary>
/// Liveness as a property of the ledger: work a live worker has held past its deadline is redone with the
/// attempt counted, a run out of attempts fails, and the sweep then ends instead of waiting for ever.
/// </summary>
public class SupervisionDeadlineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> Live = ["silo-a", "silo-b"];

    /// <summary>10 s grace; a training is expected to take 20 s, a chunk 5 s.</summary>
    private static readonly SupervisionRules Rules = new(TimeSpan.FromSeconds(10), _ => TimeSpan.FromSeconds(20), (_, _) => TimeSpan.FromSeconds(5));

    private static SweepLedger Open(int runs = 2)
    {
        var ledger = SweepLedger.Open(Enumerable.Range(0, runs).Select(i => $"r{i}"), ratesPerRun: 4, passes: 1);
        ledger.StartClock(T0);
        return ledger;
    }

    private static StoredModel Model(string run, int attempt, string worker) => new(run, attempt, $"blob/{run}", "sha", 3, 0.1, "EarlyStop", 1, worker);

    [Fact]
    public void A_training_silent_past_grace_plus_its_workers_backlog_is_requeued_as_a_counted_failure()
    {
        var ledger = Open();
        ledger.TrainingDispatched("r0", "silo-a", T0);
        ledger.TrainingDispatched("r1", "silo-a", T0);
        // Backlog of silo-a: two trainings, 40 s; the allowance is 10 + 40 = 50 s.
        Assert.Empty(ledger.Supervise(Live, T0.AddSeconds(50), Rules).Requeued);
        var plan = ledger.Supervise(Live, T0.AddSeconds(51), Rules);
        Assert.Equal(["r0", "r1"], plan.Requeued);
        Assert.Equal(2, plan.Overdue.Count);
        Assert.Contains("no report from silo-a within 50 s", plan.Overdue[0]);
        Assert.Equal((RunStage.Queued, 1, 1, 0), (ledger["r0"].Stage, ledger["r0"].Attempt, ledger["r0"].Overdue, ledger["r0"].Failures)); // overdue is not a failure
    }

    [Fact]
    public void A_report_from_the_worker_restarts_the_clock_of_everything_it_holds()
    {
        var ledger = Open(3);
        ledger.TrainingDispatched("r0", "silo-a", T0);
        ledger.TrainingDispatched("r1", "silo-a", T0);
        ledger.TrainingDispatched("r2", "silo-a", T0);
        // r0 reports at 45 s: the queue is moving, so r1 and r2 (still 40 s of backlog) get 10 + 40 from then.
        Assert.Single(ledger.RecordTrained([Model("r0", 0, "silo-a")], 1, T0.AddSeconds(45)));
        Assert.Empty(ledger.Supervise(Live, T0.AddSeconds(95), Rules).Requeued);
        Assert.Equal(["r1", "r2"], ledger.Supervise(Live, T0.AddSeconds(96), Rules).Requeued);
    }

    [Fact]
    public void The_allowance_doubles_with_each_overdue_item_and_the_run_fails_when_its_overdue_budget_runs_out()
    {
        var ledger = Open(1);
        var rules = Rules with { MaxOverdue = 3 };
        var t = T0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            ledger.TrainingDispatched("r0", "silo-a", t);
            var allowance = 30 * (1 << attempt); // (10 + 20) s, doubled per overdue item
            Assert.Empty(ledger.Supervise(Live, t.AddSeconds(allowance), rules).Requeued);
            var plan = ledger.Supervise(Live, t.AddSeconds(allowance + 1), rules);
            t = t.AddSeconds(allowance + 1);
            if (attempt < 2)
            {
                Assert.Equal(["r0"], plan.Requeued);
            }
            else
            {
                Assert.Equal(["r0"], plan.Failed);
            }
        }
        Assert.Equal(RunStage.Failed, ledger["r0"].Stage);
        Assert.Equal(SweepState.Failed, ledger.State); // nothing else could finish it: it ends, and says why
        Assert.Contains("r0: no report from silo-a within 120 s", ledger.Message);
    }

    [Fact]
    public void An_overdue_chunk_is_redispatched_alone_and_counted()
    {
        var ledger = Open(1);
        ledger.TrainingDispatched("r0", "silo-a", T0);
        ledger.RecordTrained([Model("r0", 0, "silo-a")], 2, T0);
        ledger.ChunkDispatched("r0", 0, "silo-a", T0);
        ledger.ChunkDispatched("r0", 1, "silo-b", T0.AddSeconds(10));
        // silo-a: one chunk, 5 s backlog, 15 s allowance from its last report (T0).
        var plan = ledger.Supervise(Live, T0.AddSeconds(16), Rules);
        Assert.Equal([("r0", 0)], plan.Chunks);
        Assert.Equal((1, 0, 0), (ledger["r0"].Overdue, ledger["r0"].ChunkFailures, ledger["r0"].Failures));
        Assert.Equal(new Dictionary<int, string> { [1] = "silo-b" }, ledger["r0"].PendingChunks);
        // The late report of the first dispatch still counts (same attempt, same record).
        Assert.True(ledger.RecordEvaluated("r0", 0, 0, T0.AddSeconds(17)));
    }

    [Fact]
    public void A_chunk_overdue_too_often_fails_its_run()
    {
        var ledger = Open(1);
        var rules = Rules with { MaxOverdue = 2 };
        ledger.TrainingDispatched("r0", "silo-a", T0);
        ledger.RecordTrained([Model("r0", 0, "silo-a")], 1, T0);
        var t = T0;
        for (int i = 0; i < 2; i++)
        {
            ledger.ChunkDispatched("r0", 0, "silo-a", t);
            t = t.AddHours(1);
            ledger.Supervise(Live, t, rules);
        }
        Assert.Equal((RunStage.Failed, SweepState.Failed), (ledger["r0"].Stage, ledger.State));
    }

    [Fact]
    public void Deadlines_count_from_the_clock_start_not_from_before_a_reactivation()
    {
        var ledger = Open(1);
        ledger.TrainingDispatched("r0", "silo-a", T0.AddHours(-5)); // dispatched long before this activation
        Assert.Empty(ledger.Supervise(Live, T0.AddSeconds(29), Rules).Requeued);
        Assert.Equal(["r0"], ledger.Supervise(Live, T0.AddSeconds(31), Rules).Requeued);
    }

    [Fact]
    public void Without_deadlines_a_live_workers_work_is_never_overdue()
    {
        var ledger = Open(1);
        ledger.TrainingDispatched("r0", "silo-a", T0);
        Assert.Empty(ledger.Supervise(Live, T0.AddDays(30), SupervisionRules.NoDeadlines).Requeued);
    }

    [Fact]
    public void A_storage_outage_is_not_counted_and_leaves_the_work_for_its_deadline()
    {
        var ledger = Open(1);
        ledger.TrainingDispatched("r0", "silo-a", T0);
        Assert.True(ledger.RecordFailure("r0", 0, "storing its weights failed", retrain: true, maxFailures: 1, T0, transient: true));
        Assert.Equal((RunStage.Training, 0, 0), (ledger["r0"].Stage, ledger["r0"].Attempt, ledger["r0"].Failures)); // not failed, not redone at once
        Assert.Contains("storage unavailable", ledger["r0"].LastError);
        Assert.Equal(["r0"], ledger.Supervise(Live, T0.AddSeconds(31), Rules).Requeued); // its deadline redoes it

        ledger.TrainingDispatched("r0", "silo-a", T0.AddSeconds(31));
        ledger.RecordTrained([Model("r0", 1, "silo-a")], 1, T0.AddSeconds(40));
        ledger.ChunkDispatched("r0", 0, "silo-a", T0.AddSeconds(40));
        Assert.True(ledger.RecordChunkFailure(new ResultRecordRef("r0", 1, 0, 1), "weights read failed", 1, T0.AddSeconds(41), transient: true));
        Assert.Equal((RunStage.Evaluating, 0), (ledger["r0"].Stage, ledger["r0"].ChunkFailures));
        Assert.Equal(new Dictionary<int, string> { [0] = "silo-a" }, ledger["r0"].PendingChunks); // still in flight until its deadline
    }

    [Fact]
    public void Declines_are_not_failures_but_a_run_no_silo_can_take_fails_with_the_reason()
    {
        var ledger = Open(1);
        Assert.True(ledger.RecordDeclined("r0", "MNIST unusable on silo-b", maxDeclines: 3, T0));
        Assert.True(ledger.RecordDeclined("r0", "MNIST unusable on silo-b", maxDeclines: 3, T0));
        ledger.TrainingDispatched("r0", "silo-a", T0); // a healthy silo took it: the count starts again
        Assert.Equal((0, 0), (ledger["r0"].Declines, ledger["r0"].Failures));
        ledger.RecordTrained([Model("r0", 0, "silo-a")], 1, T0);
        for (int i = 0; i < 3; i++)
        {
            ledger.RecordDeclined("r0", "MNIST unusable on silo-b", maxDeclines: 3, T0);
        }
        Assert.Equal((RunStage.Failed, SweepState.Failed), (ledger["r0"].Stage, ledger.State));
        Assert.Contains("no silo could take it (3 declines in a row); last: MNIST unusable on silo-b", ledger.Message);
        Assert.False(ledger.RecordDeclined("r0", "again", 3, T0)); // a failed run is not open
    }

    [Fact]
    public void A_run_whose_worker_keeps_leaving_fails_after_the_loss_budget()
    {
        var ledger = Open(1);
        var rules = Rules with { MaxLost = 2 };
        ledger.TrainingDispatched("r0", "gone-1", T0);
        Assert.Equal(["r0"], ledger.Supervise(Live, T0, rules).Requeued);
        Assert.Equal(0, ledger["r0"].Failures); // a departed silo is not the run's failure...
        ledger.TrainingDispatched("r0", "gone-2", T0);
        Assert.Equal(["r0"], ledger.Supervise(Live, T0, rules).Failed); // ...but a run that keeps taking silos down ends
        Assert.Contains("left the cluster", ledger.Message);
    }
}
