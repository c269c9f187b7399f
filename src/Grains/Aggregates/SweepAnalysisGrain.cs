using System.Globalization;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Ledger;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Mentia.Grains.Sweeps;

namespace Mentia.Grains.Aggregates;

/// <summary>A sweep's results as of now, assembled from its lines (which debounce their own fits).</summary>
public sealed class SweepAnalysisGrain(SweepLayouts layouts) : Grain, ISweepAnalysisGrain
{
    public async Task<SweepResults> GetResults()
    {
        var id = this.GetPrimaryKeyString();
        var sweep = GrainFactory.GetGrain<ISweepControl>(id);
        if (await sweep.GetSpecText() is null)
        {
            throw new ArgumentException($"no sweep '{id}'");
        }
        // The layout parsed the spec once for this silo; a watcher polling results does not re-read the YAML.
        var layout = await layouts.GetAsync(id);
        var (text, spec) = (layout.SpecText, layout.Spec);
        var progress = await sweep.GetProgress();
        var lines = await Task.WhenAll(SweepAnalyzer.Lines(spec).Select(async l =>
        {
            var grain = GrainFactory.GetGrain<ILineAggregateGrain>(GrainKeys.Line(id, l.Architecture, l.TrainRate));
            // While runs arrive a result a second old is fine; a finished sweep gets the exact one.
            return (Cells: await grain.GetCells(), Analysis: await grain.GetAnalysis(allowStale: progress.State == SweepState.Running));
        }));
        // The state is read again after the cells: a cell that found a record unusable while activating has
        // reopened the sweep by now, so these numbers are not labelled with the "done" read before it.
        progress = await sweep.GetProgress();
        return SweepAnalyzer.Assemble(spec, text, id, progress.State.ToString().ToLower(CultureInfo.InvariantCulture), progress.Done, progress.Replicas,
            lines.SelectMany(l => l.Cells).ToList(), lines.Select(l => l.Analysis).ToList());
    }
}
