using System.Globalization;
using Mentia.Analysis.Phases;
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
        var lineKeys = spec.Widths.SelectMany(w => spec.Depths.SelectMany(d => spec.TrainRates.Select(pt => (Arch: new Architecture(w, d), Pt: pt)))).ToList();
        var lines = await Task.WhenAll(lineKeys.Select(async l =>
        {
            var grain = GrainFactory.GetGrain<ILineAggregateGrain>(GrainKeys.Line(id, l.Arch, l.Pt));
            // While replicas arrive a result a second old is fine; a finished sweep gets the exact one.
            return (l.Arch, Cells: await grain.GetCells(), Analysis: await grain.GetAnalysis(allowStale: progress.State == SweepState.Running));
        }));
        var diagrams = lines.GroupBy(l => l.Arch).Select(g => PhaseDiagram.Build(g.Key, g.Select(x => x.Analysis))).ToList();
        return new SweepResults
        {
            SweepId = id,
            Name = spec.Name,
            SpecText = text,
            GeneratedAt = DateTimeOffset.UtcNow,
            State = progress.State.ToString().ToLower(CultureInfo.InvariantCulture),
            ReplicasDone = progress.Done,
            ReplicasTotal = progress.Replicas,
            ValidationDropout = spec.Training.ValidationDropout.ToString().ToLower(CultureInfo.InvariantCulture),
            Cells = lines.SelectMany(l => l.Cells).ToList(),
            Lines = lines.Select(l => l.Analysis).ToList(),
            PhaseDiagrams = diagrams,
        };
    }
}
