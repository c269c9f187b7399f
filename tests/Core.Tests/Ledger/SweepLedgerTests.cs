using System.Text.Json;
using System.Text.Json.Serialization;
using Mentia.Core.Ledger;
using Xunit;

namespace Mentia.Core.Tests.Ledger;

/// <summary>The sweep's books without a cluster: every legal and illegal move, stale reports, retries, supervision, reopening.</summary>
public class SweepLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Keys = ["r0", "r1", "r2"];

    /// <summary>Three runs, five p_e each, two passes.</summary>
    private static SweepLedger Open() => SweepLedger.Open(Keys, ratesPerRun: 5, passes: 2);

    private static StoredModel Model(string run, int attempt = 0, string worker = "silo-a") =>
        new(run, attempt, $"blob/{run}", "sha", 7, 0.1, "EarlyStop", 1.5, worker);

    /// <summary>Drives one run from queued to trained with <paramref name="chunks"/> chunks.</summary>
    private static RunEntry Trained(SweepLedger ledger, string run, int chunks = 2, string worker = "silo-a")
    {
        ledger.TrainingDispatched(run, worker, T0);
        Assert.Single(ledger.RecordTrained([Model(run, ledger[run].Attempt, worker)], chunks, T0));
        return ledger[run];
    }

    private static void EvaluateAll(SweepLedger ledger, string run)
    {
        var r = ledger[run];
        for (int c = 0; c < r.ChunkCount; c++)
        {
            ledger.ChunkDispatched(run, c, "silo-a", T0);
            Assert.True(ledger.RecordEvaluated(run, r.Attempt, c, T0));
        }
    }

    [Fact]
    public void Opening_refuses_no_runs_and_a_run_twice()
    {
        Assert.Throws<ArgumentException>(() => SweepLedger.Open([], 5, 2));
        Assert.Contains("r1 appears twice", Assert.Throws<ArgumentException>(() => SweepLedger.Open(["r0", "r1", "r1"], 5, 2)).Message);
    }

    [Fact]
    public void A_run_goes_queued_training_evaluating_done_and_the_sweep_finishes_with_the_last()
    {
        var ledger = Open();
        Assert.Equal(["r0", "r1"], ledger.NextToTrain(window: 2).Select(r => r.Key));
        foreach (var key in Keys)
        {
            var r = Trained(ledger, key, chunks: 2);
            Assert.Equal((RunStage.Evaluating, 1, 2, (string?)null), (r.Stage, r.Trainings, r.ChunkCount, r.Worker));
            Assert.Equal([0, 1], r.UndispatchedChunks());
        }
        EvaluateAll(ledger, "r0");
        EvaluateAll(ledger, "r1");
        ledger.ChunkDispatched("r2", 0, "silo-b", T0);
        Assert.True(ledger.RecordEvaluated("r2", 0, 0, T0));
        Assert.Equal(new LedgerProgress(3, 0, 0, 1, 2, 0, (2 * 5 + 3) * 2, 3 * 5 * 2), ledger.Progress()); // chunk 0 holds 3 of 5 rates
        Assert.Equal(SweepState.Running, ledger.State);

        ledger.ChunkDispatched("r2", 1, "silo-b", T0);
        Assert.True(ledger.RecordEvaluated("r2", 0, 1, T0));
        Assert.Equal((SweepState.Done, T0), (ledger.State, ledger.FinishedAt));
        Assert.Equal(30, ledger.Progress().PassesDone);
        Assert.Empty(ledger.NextToTrain(10));
    }

    [Fact]
    public void The_window_counts_runs_in_training_and_hands_out_queued_runs_in_grid_order()
    {
        var ledger = Open();
        ledger.TrainingDispatched("r1", "silo-a", T0);
        Assert.Equal(["r0"], ledger.NextToTrain(window: 2).Select(r => r.Key));
        Assert.Empty(ledger.NextToTrain(window: 1));
    }

    [Fact]
    public void Stale_repeated_and_unknown_reports_are_ignored()
    {
        var ledger = Open();
        Assert.Empty(ledger.RecordTrained([Model("r0")], 2, T0)); // not dispatched yet
        ledger.TrainingDispatched("r0", "silo-a", T0);
        Assert.Empty(ledger.RecordTrained([Model("r0", attempt: 3)], 2, T0)); // another attempt
        Assert.Empty(ledger.RecordTrained([Model("nope")], 2, T0));
        Assert.Single(ledger.RecordTrained([Model("r0")], 2, T0));
        Assert.Empty(ledger.RecordTrained([Model("r0")], 2, T0)); // repeated
        Assert.Equal(1, ledger["r0"].Trainings);

        Assert.True(ledger.RecordEvaluated("r0", 0, 1, T0));
        Assert.False(ledger.RecordEvaluated("r0", 0, 1, T0)); // repeated
        Assert.False(ledger.RecordEvaluated("r0", 1, 0, T0)); // another attempt
        Assert.False(ledger.RecordEvaluated("r0", 0, 2, T0)); // no such chunk
        Assert.False(ledger.RecordEvaluated("nope", 0, 0, T0));
        Assert.False(ledger.RecordFailure("r0", 5, "late", retrain: true, maxFailures: 3, T0));
        Assert.Equal([1], ledger["r0"].DoneChunks);
    }

    [Fact]
    public void A_chunk_count_is_clamped_to_the_rates_and_chunks_of_unequal_size_count_their_own_passes()
    {
        var ledger = Open();
        var r = Trained(ledger, "r0", chunks: 9);
        Assert.Equal(5, r.ChunkCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.RecordTrained([Model("r1")], 0, T0));

        Trained(ledger, "r1", chunks: 2); // 5 rates: chunk 0 holds 3, chunk 1 holds 2
        ledger.ChunkDispatched("r1", 1, "silo-a", T0);
        ledger.RecordEvaluated("r1", 0, 1, T0);
        Assert.Equal(2 * 2, ledger.Progress().PassesDone);
        ledger.ChunkDispatched("r1", 0, "silo-a", T0);
        ledger.RecordEvaluated("r1", 0, 0, T0);
        Assert.Equal(5 * 2, ledger.Progress().PassesDone);
    }

    [Fact]
    public void A_failure_with_retrain_starts_a_new_attempt_and_the_old_attempts_reports_no_longer_count()
    {
        var ledger = Open();
        Trained(ledger, "r0");
        Assert.True(ledger.RecordFailure("r0", 0, "weights corrupt", retrain: true, maxFailures: 3, T0));
        var r = ledger["r0"];
        Assert.Equal((RunStage.Queued, 1, 1, 1, "weights corrupt"), (r.Stage, r.Attempt, r.Failures, ledger.Retrained, r.LastError));
        Assert.Null(r.Model);
        Assert.Equal(0, r.ChunkCount);
        Assert.False(ledger.RecordEvaluated("r0", 0, 0, T0));

        Trained(ledger, "r0");
        Assert.Equal((RunStage.Evaluating, 2), (r.Stage, r.Trainings));
    }

    [Fact]
    public void A_failure_without_retrain_frees_the_chunks_in_flight_for_supervision_to_dispatch_again()
    {
        var ledger = Open();
        Trained(ledger, "r0");
        ledger.ChunkDispatched("r0", 0, "silo-a", T0);
        ledger.ChunkDispatched("r0", 1, "silo-a", T0);
        Assert.Empty(ledger.Supervise(new HashSet<string> { "silo-a" }, T0, SupervisionRules.NoDeadlines).Chunks);
        Assert.True(ledger.RecordFailure("r0", 0, "storage unavailable", retrain: false, maxFailures: 3, T0));
        Assert.Equal(RunStage.Evaluating, ledger["r0"].Stage);
        Assert.Equal([("r0", 0), ("r0", 1)], ledger.Supervise(new HashSet<string> { "silo-a" }, T0, SupervisionRules.NoDeadlines).Chunks);
    }

    [Fact]
    public void A_failed_chunk_frees_only_itself_and_too_many_fail_the_run_keeping_what_it_recorded()
    {
        var ledger = Open();
        foreach (var key in new[] { "r1", "r2" })
        {
            Trained(ledger, key);
            EvaluateAll(ledger, key);
        }
        Trained(ledger, "r0", chunks: 2);
        ledger.ChunkDispatched("r0", 0, "silo-a", T0);
        ledger.ChunkDispatched("r0", 1, "silo-b", T0);
        Assert.True(ledger.RecordEvaluated("r0", 0, 1, T0));
        Assert.False(ledger.RecordChunkFailure(new ResultRecordRef("r0", 0, 1, 2), "late", 3, T0)); // already recorded
        Assert.False(ledger.RecordChunkFailure(new ResultRecordRef("r0", 1, 0, 2), "old attempt", 3, T0));

        Assert.True(ledger.RecordChunkFailure(new ResultRecordRef("r0", 0, 0, 2), "weights unreadable", 3, T0));
        Assert.Equal((RunStage.Evaluating, 0, 1), (ledger["r0"].Stage, ledger["r0"].Failures, ledger["r0"].ChunkFailures));
        // The same report again (a delivery retry) is not counted twice: that chunk is no longer in flight.
        Assert.False(ledger.RecordChunkFailure(new ResultRecordRef("r0", 0, 0, 2), "weights unreadable", 3, T0));
        Assert.Equal([("r0", 0)], ledger.Supervise(new HashSet<string> { "silo-a", "silo-b" }, T0, SupervisionRules.NoDeadlines).Chunks);
        for (int i = 0; i < 2; i++)
        {
            ledger.ChunkDispatched("r0", 0, "silo-a", T0);
            Assert.True(ledger.RecordChunkFailure(new ResultRecordRef("r0", 0, 0, 2), "weights unreadable", 3, T0));
        }

        Assert.Equal(RunStage.Failed, ledger["r0"].Stage);
        Assert.Equal(SweepState.Failed, ledger.State);
        Assert.Equal("1 of 3 runs failed; r0: weights unreadable", ledger.Message);
        // The chunk it recorded stays countable: a cell rebuilt after a restart counts what the live cell counted.
        Assert.Contains(new ResultRecordRef("r0", 0, 1, 2), ledger.RecordsHolding(Keys, rateIndex: 4));
    }

    [Fact]
    public void The_last_allowed_failure_fails_the_run_and_a_sweep_with_nothing_else_left_ends_failed()
    {
        var ledger = Open();
        foreach (var key in new[] { "r1", "r2" })
        {
            Trained(ledger, key);
            EvaluateAll(ledger, key);
        }
        for (int attempt = 0; attempt < 3; attempt++)
        {
            ledger.TrainingDispatched("r0", "silo-a", T0);
            Assert.True(ledger.RecordFailure("r0", attempt, $"out of memory {attempt}", retrain: true, maxFailures: 3, T0));
        }
        Assert.Equal((RunStage.Failed, "out of memory 2"), (ledger["r0"].Stage, ledger["r0"].LastError));
        Assert.Equal((SweepState.Failed, T0), (ledger.State, ledger.FinishedAt)); // ends: nothing is left that could finish it
        Assert.False(ledger.RecordFailure("r0", 2, "again", true, 3, T0));
    }

    [Fact]
    public void Supervision_requeues_training_of_a_departed_worker_and_redispatches_its_chunks()
    {
        var ledger = Open();
        ledger.TrainingDispatched("r0", "gone", T0);
        Trained(ledger, "r1");
        ledger.ChunkDispatched("r1", 0, "gone", T0);
        ledger.ChunkDispatched("r1", 1, "silo-a", T0);
        Trained(ledger, "r2", chunks: 3);
        ledger.ChunkDispatched("r2", 1, "silo-a", T0);

        var plan = ledger.Supervise(new HashSet<string> { "silo-a" }, T0, SupervisionRules.NoDeadlines);
        Assert.Equal(["r0"], plan.Requeued);
        Assert.Equal([("r1", 0), ("r2", 0), ("r2", 2)], plan.Chunks);
        Assert.Equal((RunStage.Queued, 1, 1), (ledger["r0"].Stage, ledger["r0"].Attempt, ledger.Retrained));
        Assert.Empty(ledger.RecordTrained([Model("r0", attempt: 0)], 2, T0)); // the lost worker's late report
    }

    [Fact]
    public void A_lost_result_record_reopens_a_finished_sweep_and_only_that_chunk_is_evaluated_again()
    {
        var ledger = Open();
        foreach (var key in Keys)
        {
            Trained(ledger, key);
            EvaluateAll(ledger, key);
        }
        Assert.Equal(SweepState.Done, ledger.State);

        Assert.False(ledger.RecordResultLost(new ResultRecordRef("r1", 1, 0, 2), "older attempt"));
        Assert.False(ledger.RecordResultLost(new ResultRecordRef("r1", 0, 0, 3), "other partition"));
        Assert.True(ledger.RecordResultLost(new ResultRecordRef("r1", 0, 0, 2), "the blob does not exist"));
        Assert.False(ledger.RecordResultLost(new ResultRecordRef("r1", 0, 0, 2), "reported twice"));
        Assert.Equal((SweepState.Running, (DateTimeOffset?)null), (ledger.State, ledger.FinishedAt));
        Assert.Equal((RunStage.Evaluating, 1), (ledger["r1"].Stage, ledger["r1"].Trainings));
        Assert.Equal([("r1", 0)], ledger.Supervise(new HashSet<string> { "silo-a" }, T0, SupervisionRules.NoDeadlines).Chunks);

        ledger.ChunkDispatched("r1", 0, "silo-a", T0);
        Assert.True(ledger.RecordEvaluated("r1", 0, 0, T0.AddMinutes(1)));
        Assert.Equal((SweepState.Done, T0.AddMinutes(1)), (ledger.State, ledger.FinishedAt));
    }

    [Fact]
    public void A_cancelled_sweep_dispatches_nothing_more_and_cancels_once()
    {
        var ledger = Open();
        Trained(ledger, "r0");
        Assert.True(ledger.Cancel(T0));
        Assert.False(ledger.Cancel(T0));
        Assert.Equal((SweepState.Cancelled, "cancelled", T0), (ledger.State, ledger.Message, ledger.FinishedAt));
        Assert.Empty(ledger.NextToTrain(10));
        var idle = ledger.Supervise(new HashSet<string>(), T0, SupervisionRules.NoDeadlines);
        Assert.Empty(idle.Chunks);
        Assert.Empty(idle.Requeued);
        // Work in flight still reports; it is recorded, and the sweep stays cancelled.
        ledger.ChunkDispatched("r0", 0, "silo-a", T0);
        Assert.True(ledger.RecordEvaluated("r0", 0, 0, T0));
        Assert.Equal(SweepState.Cancelled, ledger.State);
    }

    [Fact]
    public void Illegal_moves_are_refused_as_bugs()
    {
        var ledger = Open();
        ledger.TrainingDispatched("r0", "silo-a", T0);
        Assert.Throws<IllegalTransitionException>(() => ledger.TrainingDispatched("r0", "silo-b", T0)); // Training -> Training
        Assert.Throws<IllegalTransitionException>(() => ledger.ChunkDispatched("r1", 0, "silo-a", T0)); // a queued run has no chunks
        Trained(ledger, "r1");
        Assert.Throws<IllegalTransitionException>(() => ledger.TrainingDispatched("r1", "silo-a", T0)); // Evaluating -> Training
        Assert.Throws<IllegalTransitionException>(() => ledger.ChunkDispatched("r1", 2, "silo-a", T0)); // no chunk 2 of 2
        Assert.Throws<KeyNotFoundException>(() => ledger.TrainingDispatched("nope", "silo-a", T0));
        Assert.Equal([RunStage.Queued, RunStage.Evaluating], SweepLedger.LegalMoves[RunStage.Failed]); // only by a resume
        Assert.DoesNotContain(RunStage.Training, SweepLedger.LegalMoves[RunStage.Done]);
        Assert.Equal([SweepState.Running], SweepLedger.LegalStates[SweepState.Cancelled]);
    }

    [Fact]
    public void Records_holding_a_rate_are_the_done_chunks_that_contain_it()
    {
        var ledger = Open();
        Trained(ledger, "r0", chunks: 2); // rates 0-2 in chunk 0, 3-4 in chunk 1
        Trained(ledger, "r1", chunks: 1);
        ledger.ChunkDispatched("r0", 1, "silo-a", T0);
        ledger.RecordEvaluated("r0", 0, 1, T0);
        ledger.ChunkDispatched("r1", 0, "silo-a", T0);
        ledger.RecordEvaluated("r1", 0, 0, T0);

        Assert.Equal([new ResultRecordRef("r0", 0, 1, 2), new ResultRecordRef("r1", 0, 0, 1)], ledger.RecordsHolding(Keys, rateIndex: 3));
        Assert.Equal([new ResultRecordRef("r1", 0, 0, 1)], ledger.RecordsHolding(Keys, rateIndex: 2));
    }

    [Fact]
    public void A_run_s_report_names_the_silos_its_evaluation_chunks_are_out_on_not_the_one_that_trained_it()
    {
        var ledger = Open();
        Trained(ledger, "r0", chunks: 3); // trained by Trained's worker
        ledger.ChunkDispatched("r0", 0, "silo-b", T0);
        ledger.ChunkDispatched("r0", 2, "silo-c", T0);
        var report = ledger.Report().Single(r => r.RunKey == "r0");
        Assert.Equal(RunStage.Evaluating, report.Stage);
        Assert.Equal(["silo-b", "silo-c"], report.EvaluatingOn);
        ledger.RecordEvaluated("r0", 0, 0, T0);
        Assert.Equal(["silo-c"], ledger.Report().Single(r => r.RunKey == "r0").EvaluatingOn); // a reported chunk is no longer out
        Assert.NotEqual(report, ledger.Report().Single(r => r.RunKey == "r0")); // equality sees the list
    }

    [Fact]
    public void The_ledger_survives_a_json_round_trip_as_the_grain_storage_writes_it()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        var ledger = Open();
        Trained(ledger, "r0");
        ledger.ChunkDispatched("r0", 0, "silo-a", T0);
        ledger.RecordEvaluated("r0", 0, 1, T0);
        ledger.TrainingDispatched("r1", "silo-b", T0);
        ledger.RecordFailure("r2", 0, "boom", retrain: true, maxFailures: 3, T0);
        ledger.NextDispatch();

        var json = JsonSerializer.Serialize(ledger, options);
        var back = JsonSerializer.Deserialize<SweepLedger>(json, options)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, options));
        Assert.Equal(ledger.Progress(), back.Progress());
        Assert.Equal(ledger.Report(), back.Report());
        Assert.Equal(new Dictionary<int, string> { [0] = "silo-a" }, back["r0"].PendingChunks);
        Assert.Equal((1L, 1, "blob/r0"), (back.Dispatches, back.Retrained, back["r0"].Model!.WeightsBlob));
        Assert.True(back.RecordEvaluated("r0", 0, 0, T0)); // and it goes on working
    }
}
