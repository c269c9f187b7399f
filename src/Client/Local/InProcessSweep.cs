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
        var jobs = SweepGrid.Runs(spec);
        var cells = new Dictionary<Cell, CellAccumulator>();
        int trained = 0, evaluated = 0;
        // Batches by architecture in grid order, the same grouping the cluster's executors make from a queue filled in grid order.
        foreach (var batch in EnsembleBatches.Of(jobs, spec.Training, maxEnsemble))
        {
            var models = EnsembleTrainer.Train(batch, spec.Training, data, engine, ct);
            trained += models.Count;
            progress?.Invoke(new Progress(trained, evaluated, jobs.Count));
            foreach (var model in models)
            {
                var job = model.Outcome.Run;
                var result = DropoutEvaluator.Evaluate(model.Weights, data.Test, spec.EvalRates, spec.Passes, job.Seed, engine, ct);
                foreach (var rate in result.Rates)
                {
                    var cell = new Cell(job.Architecture, job.TrainRate, rate.EvalRate, job.Size);
                    if (!cells.TryGetValue(cell, out var acc))
                    {
                        cells[cell] = acc = new CellAccumulator();
                    }
                    acc.Record(job.Key, rate.Losses, rate.Accuracies);
                }
                evaluated++;
                progress?.Invoke(new Progress(trained, evaluated, jobs.Count));
            }
        }
        var cellResults = cells.OrderBy(c => c.Key.Architecture.Width).ThenBy(c => c.Key.Architecture.Depth)
            .ThenBy(c => c.Key.TrainRate).ThenBy(c => c.Key.EvalRate).ThenBy(c => c.Key.Size)
            .Select(c => CellSnapshot.Result(spec, c.Key, c.Value))
            .ToList();
        return SweepAnalyzer.Assemble(spec, specText, "local-" + spec.Name, "done", jobs.Count, jobs.Count, cellResults, SweepAnalyzer.AnalyzeLines(spec, cellResults));
    }
}
