using System.Text.Json;
using Mentia.Analysis.Statistics;
using Mentia.Core.Ledger;
using Mentia.Core.Records.Raw;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;

namespace Mentia.Analysis.Sweeps;

/// <summary>
/// A cluster sweep's raw data from what the cluster keeps: the passes each cell aggregate recorded (exactly those
/// behind the exported statistics), the stored model the ledger holds for each trained run, and the curves stored
/// beside the weights. Plain code, so the grain that gathers the pieces only gathers them.
/// </summary>
public static class RawDataAssembly
{
    /// <param name="cells">Each cell's recorded passes by run key.</param>
    /// <param name="models">The ledger's stored model of every trained run.</param>
    /// <param name="curves">Each run's curve by run key; a run without one has no curve rows.</param>
    public static RawData From(SweepSpec spec, IEnumerable<(Cell Cell, IReadOnlyDictionary<string, RunPasses> Runs)> cells,
        IEnumerable<StoredModel> models, IReadOnlyDictionary<string, IReadOnlyList<EpochRow>> curves)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var runs = SweepGrid.Runs(spec).ToDictionary(r => r.Key, StringComparer.Ordinal);
        var passes = new List<PassRow>();
        // Rows in the export's order: run (grid order), then p_e, then pass; a run key the grid does not know is skipped.
        var byRun = cells.SelectMany(c => c.Runs.Select(r => (c.Cell, RunKey: r.Key, Passes: r.Value)))
            .Where(x => runs.ContainsKey(x.RunKey))
            .GroupBy(x => x.RunKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.Cell.EvalRate).ToList(), StringComparer.Ordinal);
        foreach (var run in runs.Values)
        {
            if (!byRun.TryGetValue(run.Key, out var list))
            {
                continue;
            }
            foreach (var (cell, _, p) in list)
            {
                for (int k = 0; k < p.Count; k++)
                {
                    passes.Add(new PassRow
                    {
                        Width = run.Architecture.Width, Depth = run.Architecture.Depth, TrainRate = run.TrainRate, Size = run.Size, Replica = run.Replica,
                        EvalRate = cell.EvalRate, Pass = k, Loss = p.Losses[k], Accuracy = p.Accuracies[k],
                    });
                }
            }
        }
        var runRows = new List<RunRow>();
        var epochs = new List<EpochRow>();
        var stored = models.Where(m => runs.ContainsKey(m.RunKey)).ToDictionary(m => m.RunKey, StringComparer.Ordinal);
        foreach (var run in runs.Values)
        {
            if (!stored.TryGetValue(run.Key, out var m))
            {
                continue;
            }
            runRows.Add(new RunRow
            {
                Width = run.Architecture.Width, Depth = run.Architecture.Depth, TrainRate = run.TrainRate, Size = run.Size, Replica = run.Replica, Seed = run.Seed,
                Epochs = m.Epochs, BestEpoch = m.BestEpoch, BestValidationLoss = m.BestValidationLoss, LearningRateDrops = m.LearningRateDrops,
                // The ledger keeps the engine's enum name (EarlyStopping); the raw data spell it as every export does.
                StopReason = JsonNamingPolicy.CamelCase.ConvertName(m.StopReason), WallSeconds = m.Seconds, Device = m.Device, Worker = m.Worker,
            });
            if (curves.TryGetValue(run.Key, out var curve))
            {
                epochs.AddRange(curve);
            }
        }
        return new RawData(passes, runRows, epochs);
    }
}
