using Mentia.Analysis.Statistics;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Data;
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
    public sealed record Progress(int Trained, int Evaluated, int Total);

    public SweepResults Run(Action<Progress>? progress = null, CancellationToken ct = default)
    {
        var runs = SweepGrid.Runs(spec);
        var cells = new Dictionary<Cell, CellAccumulator>();
        int trained = 0, evaluated = 0;
        // Ensembles by EnsembleKey in grid order, the grouping the cluster's device queues make from runs queued in grid order.
        foreach (var batch in EnsembleBatches.Of(runs, spec.Training, maxEnsemble))
        {
            var models = EnsembleTrainer.Train(batch, spec.Training, data, engine, ct);
            trained += models.Count;
            progress?.Invoke(new Progress(trained, evaluated, runs.Count));
            foreach (var model in models)
            {
                var run = model.Outcome.Run;
                var result = DropoutEvaluator.Evaluate(model.Weights, data.Test, spec.EvalRates, spec.Passes, run.Seed, engine, ct);
                foreach (var rate in result.Rates)
                {
                    var cell = new Cell(run.Architecture, run.TrainRate, rate.EvalRate, run.Size);
                    if (!cells.TryGetValue(cell, out var acc))
                    {
                        cells[cell] = acc = new CellAccumulator();
                    }
                    acc.Record(run.Key, rate.Losses, rate.Accuracies);
                }
                evaluated++;
                progress?.Invoke(new Progress(trained, evaluated, runs.Count));
            }
        }
        var cellResults = cells.OrderBy(c => c.Key.Architecture.Width).ThenBy(c => c.Key.Architecture.Depth)
            .ThenBy(c => c.Key.TrainRate).ThenBy(c => c.Key.EvalRate).ThenBy(c => c.Key.Size)
            .Select(c => CellSnapshot.Result(spec, c.Key, c.Value))
            .ToList();
        return SweepAnalyzer.Assemble(spec, specText, "local-" + spec.Name, "done", runs.Count, runs.Count, cellResults, SweepAnalyzer.AnalyzeLines(spec, cellResults));
    }
}
