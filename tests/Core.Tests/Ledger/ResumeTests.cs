using Mentia.Core.Ledger;
using Xunit;

namespace Mentia.Core.Tests.Ledger;

/// <summary>Resuming a cancelled or failed sweep: what is finished is kept, only what is missing is done.</summary>
public class ResumeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> Live = ["silo-a"];

    private static StoredModel Model(string run, int attempt) => new(run, attempt, $"blob/{run}", "sha", 3, 0.1, "EarlyStop", 1, "silo-a");

    private static void Train(SweepLedger ledger, string run, int chunks)
    {
        ledger.TrainingDispatched(run, "silo-a", T0);
        Assert.Single(ledger.RecordTrained([Model(run, ledger[run].Attempt)], chunks, T0));
    }

    [Fact]
    public void A_cancelled_sweep_resumes_keeping_finished_runs_and_evaluating_only_missing_chunks()
    {
        var ledger = SweepLedger.Open(["r0", "r1", "r2", "r3"], ratesPerRun: 4, passes: 1);
        Train(ledger, "r0", 2);
        ledger.ChunkDispatched("r0", 0, "silo-a", T0);
        ledger.ChunkDispatched("r0", 1, "silo-a", T0);
        ledger.RecordEvaluated("r0", 0, 0, T0);
        ledger.RecordEvaluated("r0", 0, 1, T0);
        Train(ledger, "r1", 2);
        ledger.ChunkDispatched("r1", 0, "silo-a", T0);
        ledger.RecordEvaluated("r1", 0, 0, T0);
        ledger.TrainingDispatched("r2", "silo-a", T0);
        Assert.True(ledger.Cancel(T0));

        var plan = ledger.Resume(T0.AddMinutes(1));
        Assert.Equal(new ResumePlan(true, RunsKept: 1, RunsToTrain: 2, RunsToEvaluate: 1, FailedRetried: 0), plan);
        Assert.Equal((SweepState.Running, (DateTimeOffset?)null, (string?)null), (ledger.State, ledger.FinishedAt, ledger.Message));
        Assert.Equal([("r1", 1)], ledger.Supervise(Live, T0.AddMinutes(1), SupervisionRules.NoDeadlines).Chunks); // only the missing chunk
        Assert.Equal(["r3"], ledger.NextToTrain(10).Select(r => r.Key)); // r2 is still its worker's
        Assert.Equal((1, 0), (ledger["r0"].Trainings, ledger["r0"].Attempt)); // nothing finished is redone
    }

    [Fact]
    public void A_failed_sweep_resumes_its_failed_runs_with_a_fresh_budget()
    {
        var ledger = SweepLedger.Open(["r0", "r1"], ratesPerRun: 2, passes: 1);
        Train(ledger, "r0", 1);
        ledger.ChunkDispatched("r0", 0, "silo-a", T0);
        ledger.RecordChunkFailure(new ResultRecordRef("r0", 0, 0, 1), "storage out", maxChunkFailures: 1, T0); // failed in evaluation
        ledger.TrainingDispatched("r1", "silo-a", T0);
        ledger.RecordFailure("r1", 0, "MNIST hash mismatch", retrain: true, maxFailures: 1, T0); // failed in training
        Assert.Equal(SweepState.Failed, ledger.State);

        var plan = ledger.Resume(T0);
        Assert.Equal(new ResumePlan(true, 0, 1, 1, 2), plan);
        Assert.Equal((RunStage.Evaluating, 0, 0), (ledger["r0"].Stage, ledger["r0"].Attempt, ledger["r0"].ChunkFailures)); // its weights are kept
        Assert.Equal((RunStage.Queued, 1, 0), (ledger["r1"].Stage, ledger["r1"].Attempt, ledger["r1"].Failures));
    }

    [Fact]
    public void Resuming_a_running_or_done_sweep_changes_nothing()
    {
        var ledger = SweepLedger.Open(["r0"], ratesPerRun: 1, passes: 1);
        Assert.False(ledger.Resume(T0).Resumed);
        Train(ledger, "r0", 1);
        ledger.ChunkDispatched("r0", 0, "silo-a", T0);
        ledger.RecordEvaluated("r0", 0, 0, T0);
        Assert.Equal(SweepState.Done, ledger.State);
        Assert.Equal(new ResumePlan(false, 1, 0, 0, 0), ledger.Resume(T0));
        Assert.Equal(SweepState.Done, ledger.State);
    }

    [Fact]
    public void A_sweep_cancelled_after_its_last_report_is_done_as_soon_as_it_resumes()
    {
        var ledger = SweepLedger.Open(["r0"], ratesPerRun: 1, passes: 1);
        Train(ledger, "r0", 1);
        ledger.ChunkDispatched("r0", 0, "silo-a", T0);
        ledger.Cancel(T0);
        ledger.RecordEvaluated("r0", 0, 0, T0); // in flight at the cancel
        Assert.True(ledger.Resume(T0.AddSeconds(1)).Resumed);
        Assert.Equal(SweepState.Done, ledger.State);
    }
}
