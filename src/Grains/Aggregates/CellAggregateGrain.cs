using Mentia.Storage.Records;
using Mentia.Core.Records;
using Mentia.Analysis.Statistics;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Ledger;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Mentia.Grains.Execution;
using Mentia.Grains.Sweeps;
using Mentia.Storage;
using Mentia.Training;
using Microsoft.Extensions.Logging;

namespace Mentia.Grains.Aggregates;

/// <summary>
/// One cell's ensemble. Counts a run once however often it is delivered, and pushes each new snapshot to
/// its line (awaited). It writes nothing itself: every run it holds is also in a stored evaluation record (the
/// executor writes one per evaluated chunk before delivering), so a cell activating after a restart or
/// an idle spell reads back the records the sweep lists as done, and the numbers come out the same.
/// </summary>
public sealed class CellAggregateGrain(SweepLayouts layouts, IBlobStore store, ILogger<CellAggregateGrain> log) : Grain, ICellAggregateGrain
{
    private CellAccumulator _accumulator = new();
    private SweepSpec? _spec;
    private Cell _cell;

    private string SweepId => GrainKeys.SweepOf(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var layout = await layouts.GetAsync(SweepId);
        _spec = layout.Spec;
        _cell = layout.CellsByKey[key];
        var sweep = GrainFactory.GetGrain<ISweepRecords>(SweepId);
        var records = await sweep.GetResultRecords(key);
        var stored = await Task.WhenAll(records.Select(async record =>
        {
            try
            {
                return (record, Result: await ResultBlobs.GetAsync(store, SweepId, record, cancellationToken), Error: (string?)null);
            }
            catch (EvaluationFormatException ex)
            {
                return (record, Result: (EvaluationResult?)null, Error: ex.Message);
            }
        }));
        var runs = new List<KeyValuePair<string, RunPasses>>();
        foreach (var (record, result, error) in stored)
        {
            var rate = result?.Rates.FirstOrDefault(r => CellKeys.Rate(r.EvalRate) == CellKeys.Rate(_cell.EvalRate));
            if (rate is null)
            {
                var reason = error ?? $"no p_e {CellKeys.Rate(_cell.EvalRate)} in the record";
                log.LogWarning("cell {Cell}: result record of {Job} is unusable: {Reason}", key, record.RunKey, reason);
                try
                {
                    await sweep.ReportResultLost(record, reason);
                }
                catch (Exception ex)
                {
                    // The cell still comes up with the runs it could read; the record is reported again next activation.
                    log.LogWarning(ex, "cell {Cell}: could not report the unusable record of {Run}", key, record.RunKey);
                }
                continue;
            }
            runs.Add(KeyValuePair.Create(record.RunKey, new RunPasses(rate.Losses, rate.Accuracies)));
        }
        _accumulator = new CellAccumulator(runs);
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<bool> Record(CellRecord record)
    {
        var added = _accumulator.Record(record.RunKey, record.Losses, record.Accuracies);
        // Told even for a run already counted: its first delivery may have failed at this call, after counting it.
        var line = GrainFactory.GetGrain<ILineAggregateGrain>(GrainKeys.Line(SweepId, _cell.Architecture, _cell.TrainRate));
        await line.UpdateCell(_cell.EvalRate, _cell.Size, Snapshot());
        return added;
    }

    public Task<CellStatistics?> GetStatistics() => Task.FromResult(_accumulator.RunCount == 0 ? null : Snapshot());

    public Task<IReadOnlyDictionary<string, RunPasses>> GetPasses() =>
        Task.FromResult<IReadOnlyDictionary<string, RunPasses>>(new Dictionary<string, RunPasses>(_accumulator.Runs, StringComparer.Ordinal));

    private CellStatistics Snapshot() => CellSnapshot.Of(_spec!, _cell, _accumulator);
}
