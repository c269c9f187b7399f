using System.Globalization;
using Mentia.Analysis.Lines;
using Mentia.Analysis.Phases;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;

namespace Mentia.Analysis.Sweeps;

/// <summary>From cell statistics to lines and phase diagrams: the one place both the cluster and the in-process runner go through.</summary>
public static class SweepAnalyzer
{
    public static LineResult AnalyzeLine(SweepSpec spec, Architecture architecture, double trainRate, IEnumerable<CellResult> cells)
    {
        var line = cells
            .Where(c => c.Width == architecture.Width && c.Depth == architecture.Depth && c.TrainRate == trainRate && c.Statistics.Runs > 0)
            .Select(c => new LineCell(c.EvalRate, c.Size, c.Statistics))
            .ToArray();
        return LineAnalysis.Analyze(new LineInput(architecture, trainRate, line), spec.Analysis,
            Seeds.Line(spec.Seed, architecture.Width, architecture.Depth, trainRate));
    }

    /// <summary>Every line of the spec (architectures, then p_t, in spec order) analysed from the cells.</summary>
    public static IReadOnlyList<LineResult> AnalyzeLines(SweepSpec spec, IReadOnlyList<CellResult> cells) =>
        Lines(spec).Select(l => AnalyzeLine(spec, l.Architecture, l.TrainRate, cells)).ToList();

    /// <summary>Every line analysed, and the phase diagram of each architecture.</summary>
    public static (IReadOnlyList<LineResult> Lines, IReadOnlyList<PhaseDiagramResult> Diagrams) Analyze(SweepSpec spec, IReadOnlyList<CellResult> cells)
    {
        var lines = AnalyzeLines(spec, cells);
        return (lines, Diagrams(lines));
    }

    /// <summary>One phase diagram per architecture, in the order the lines come in.</summary>
    public static IReadOnlyList<PhaseDiagramResult> Diagrams(IReadOnlyList<LineResult> lines) =>
        lines.GroupBy(l => l.Architecture).Select(g => PhaseDiagram.Build(g.Key, g.ToList())).ToList();

    /// <summary>The spec's lines in order: each architecture (widths, then depths), each p_t.</summary>
    public static IReadOnlyList<(Architecture Architecture, double TrainRate)> Lines(SweepSpec spec) =>
        spec.Widths.SelectMany(w => spec.Depths.SelectMany(d => spec.TrainRates.Select(pt => (new Architecture(w, d), pt)))).ToList();

    /// <summary>
    /// The sweep's results as of now, from its cells and analysed lines (in <see cref="Lines"/> order): phase
    /// diagrams built per architecture, and the protocol choices every output carries. Both runners end here.
    /// </summary>
    /// <param name="state">running, done, cancelled or failed; "done" becomes "incomplete" when a cell lacks a planned run.</param>
    public static SweepResults Assemble(SweepSpec spec, string specText, string sweepId, string state, int runsDone, int runsTotal,
        IReadOnlyList<CellResult> cells, IReadOnlyList<LineResult> lines)
    {
        var cellsTotal = spec.Widths.Count * spec.Depths.Count * spec.TrainRates.Count * spec.EvalRates.Count * spec.Sizes.Count;
        var complete = cells.Count(c => c.Statistics.Runs >= spec.Replicas);
        return new()
        {
            SweepId = sweepId,
            Name = spec.Name,
            SpecText = specText,
            GeneratedAt = DateTimeOffset.UtcNow,
            // "done" is a claim that every planned run is in every cell: checked here, not taken on trust.
            State = state == "done" && complete < cellsTotal ? "incomplete" : state,
            ReplicasDone = runsDone,
            ReplicasTotal = runsTotal,
            ReplicasPerCell = spec.Replicas,
            CellsTotal = cellsTotal,
            CellsComplete = complete,
            ValidationDropout = spec.Training.ValidationDropout.ToString().ToLower(CultureInfo.InvariantCulture),
            Cells = cells,
            Lines = lines,
            PhaseDiagrams = Diagrams(lines),
        };
    }
}
