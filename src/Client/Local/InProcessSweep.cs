using Mentia.Analysis.Statistics;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Data;
using Mentia.Core.Records.Raw;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.Training;

namespace Mentia.Client.Local;

/// <summary>
/// A whole sweep in this process, no cluster: the engine and the analysis called directly. The
/// reference the cluster is measured against (BENCHMARKS.md) and checked against (same seeds, same
/// numbers), and a way to run small sweeps with nothing else running.
/// </summary>
public sealed class InProcessSweep(SweepSpec spec, string specText, MnistDataset data, EngineOptions engine, int maxEnsemble = 16)
{
    /// <summary>The state of results cut short by cancellation: the cells hold the runs evaluated before the stop.</summary>
    public const string PartialState = "partial";

    /// <summary>The silo name of every run trained here, in the raw data and the provenance.</summary>
    public const string LocalWorker = "local";

    private readonly List<PassRow> _passes = [];
    private readonly List<RunRow> _runs = [];
    private readonly List<EpochRow> _epochs = [];

    /// <summary>
    /// The unaggregated data of the runs evaluated by <see cref="Run"/>: every pass, every run, every epoch (the same
    /// runs as the cells hold: a run is added once all its rates are evaluated).
    /// </summary>
    public RawData Raw => new(_passes, _runs, _epochs);

    /// <summary>
    /// Trains and evaluates every run and analyses the cells. <paramref name="progress"/> is told of every epoch
    /// and every evaluated run, and <paramref name="changed"/> called after each. When <paramref name="ct"/> is
    /// cancelled the work stops within a training step or an evaluation pass, and the results of the runs
    /// evaluated so far come back, analysed as a live sweep's are, with state <see cref="PartialState"/>.
    /// </summary>
    public SweepResults Run(RunProgress? progress = null, Action? changed = null, CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runs = SweepGrid.Runs(spec);
        var cells = new Dictionary<Cell, CellAccumulator>();
        int evaluated = 0;
        Action<TrainingRun, int, bool>? epochEnded = progress is null ? null : (run, epoch, stopped) =>
        {
            progress.EpochEnded(run, epoch, stopped, clock.Elapsed);
            changed?.Invoke();
        };
        void Evaluate(TrainedModel model)
        {
            var run = model.Outcome.Run;
            var result = DropoutEvaluator.Evaluate(model.Weights, data.Test, spec.EvalRates, spec.Passes, run.Seed, engine, ct);
            // A run's cells are recorded only once all its rates are evaluated: a stop never leaves half a run in a cell.
            foreach (var rate in result.Rates)
            {
                var cell = new Cell(run.Architecture, run.TrainRate, rate.EvalRate, run.Size);
                if (!cells.TryGetValue(cell, out var acc))
                {
                    cells[cell] = acc = new CellAccumulator();
                }
                acc.Record(run.Key, rate.Losses, rate.Accuracies);
            }
            _passes.AddRange(PassRows.Of(run, result));
            _runs.Add(TrainingRows.Run(model.Outcome, LocalWorker));
            _epochs.AddRange(TrainingRows.Curve(model.Outcome));
            evaluated++;
            progress?.Evaluated(run, clock.Elapsed);
            changed?.Invoke();
        }
        try
        {
            // Ensembles by EnsembleKey in grid order, the grouping the cluster's device queues make from runs queued in grid order.
            // Each run is evaluated as soon as its training stops, while the rest of its ensemble trains on: a stop
            // then keeps every run that finished, and the numbers are those of evaluating after the ensemble.
            foreach (var batch in EnsembleBatches.Of(runs, spec.Training, maxEnsemble))
            {
                EnsembleTrainer.Train(batch, spec.Training, data, engine, ct, epochEnded, Evaluate);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Results(cells, PartialState, evaluated, runs.Count);
        }
        return Results(cells, "done", evaluated, runs.Count);
    }

    private SweepResults Results(Dictionary<Cell, CellAccumulator> cells, string state, int runsDone, int runsTotal)
    {
        var cellResults = cells.OrderBy(c => c.Key.Architecture.Width).ThenBy(c => c.Key.Architecture.Depth)
            .ThenBy(c => c.Key.TrainRate).ThenBy(c => c.Key.EvalRate).ThenBy(c => c.Key.Size)
            .Select(c => CellSnapshot.Result(spec, c.Key, c.Value))
            .ToList();
        return SweepAnalyzer.Assemble(spec, specText, "local-" + spec.Name, state, runsDone, runsTotal, cellResults, SweepAnalyzer.AnalyzeLines(spec, cellResults));
    }
}
