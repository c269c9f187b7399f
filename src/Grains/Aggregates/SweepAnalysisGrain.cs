using System.Globalization;
using System.Reflection;
using Mentia.Analysis.Lines;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Ledger;
using Mentia.Core.Records.Raw;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Mentia.Grains.Sweeps;
using Mentia.Storage;
using Mentia.Storage.Records;
using Mentia.Training;

namespace Mentia.Grains.Aggregates;

/// <summary>A sweep's results as of now, assembled from its lines (which debounce their own fits), and its raw data.</summary>
public sealed class SweepAnalysisGrain(SweepLayouts layouts, IBlobStore store) : Grain, ISweepAnalysisGrain
{
    /// <summary>This silo's build, "1.0.0+sha": a cluster runs one image, so it is the sweep's.</summary>
    private static readonly string Version =
        typeof(SweepAnalysisGrain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task<SweepResults> GetResults()
    {
        var id = this.GetPrimaryKeyString();
        var sweep = await Sweep(id);
        // The layout parsed the spec once for this silo; a watcher polling results does not re-read the YAML.
        var layout = await layouts.GetAsync(id);
        var (text, spec) = (layout.SpecText, layout.Spec);
        var progress = await sweep.GetProgress();
        // While runs arrive a result a second old is fine; a finished sweep gets the exact one.
        var lines = await Lines(id, spec, allowStale: progress.State == SweepState.Running);
        // The state is read again after the cells: a cell that found a record unusable while activating has
        // reopened the sweep by now, so these numbers are not labelled with the "done" read before it. And a
        // sweep that ended while its lines were read is read again exactly: results labelled with its end carry
        // no fit debounced from before the last replica (the live page's last view and `mentia results` agree).
        var after = await sweep.GetProgress();
        if (progress.State == SweepState.Running && after.State != SweepState.Running)
        {
            lines = await Lines(id, spec, allowStale: false);
        }
        progress = after;
        var provenance = Provenance.ForCluster(text, spec.Seed, await sweep.GetStoredModels(), Version,
            (RuntimeFacts.TorchSharpVersion, RuntimeFacts.LibtorchVersion, RuntimeFacts.DotnetVersion, RuntimeFacts.Os), progress.SubmittedAt, progress.FinishedAt);
        return SweepAnalyzer.Assemble(spec, text, id, progress.State.ToString().ToLower(CultureInfo.InvariantCulture), progress.Done, progress.Replicas,
            lines.SelectMany(l => l.Cells).ToList(), lines.Select(l => l.Analysis).ToList()) with { Provenance = provenance };
    }

    /// <summary>Every line's cells and analysis; <paramref name="allowStale"/> lets a line answer with a fit up to its debounce old.</summary>
    private Task<(IReadOnlyList<CellResult> Cells, LineResult Analysis)[]> Lines(string id, SweepSpec spec, bool allowStale) =>
        Task.WhenAll(SweepAnalyzer.Lines(spec).Select(async l =>
        {
            var grain = GrainFactory.GetGrain<ILineAggregateGrain>(GrainKeys.Line(id, l.Architecture, l.TrainRate));
            return (await grain.GetCells(), await grain.GetAnalysis(allowStale));
        }));

    public async Task<RawData> GetRawData()
    {
        var id = this.GetPrimaryKeyString();
        var sweep = await Sweep(id);
        var spec = (await layouts.GetAsync(id)).Spec;
        var cells = await Task.WhenAll(SweepGrid.Cells(spec).Select(async c =>
            (c, await GrainFactory.GetGrain<ICellAggregateGrain>(GrainKeys.Cell(id, c)).GetPasses())));
        var models = await sweep.GetStoredModels();
        var curves = await Task.WhenAll(models.Where(m => m.CurveBlob is not null).Select(async m =>
            (m.RunKey, Curve: await CurveBlobs.GetAsync(store, m.CurveBlob!, CancellationToken.None))));
        return RawDataAssembly.From(spec, cells, models,
            curves.Where(c => c.Curve is not null).ToDictionary(c => c.RunKey, c => c.Curve!, StringComparer.Ordinal));
    }

    private async Task<ISweepControl> Sweep(string id)
    {
        var sweep = GrainFactory.GetGrain<ISweepControl>(id);
        if (await sweep.GetSpecText() is null)
        {
            throw new ArgumentException($"no sweep '{id}'");
        }
        return sweep;
    }
}
