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

    public static (IReadOnlyList<LineResult> Lines, IReadOnlyList<PhaseDiagramResult> Diagrams) Analyze(SweepSpec spec, IReadOnlyList<CellResult> cells)
    {
        var lines = new List<LineResult>();
        var diagrams = new List<PhaseDiagramResult>();
        foreach (var width in spec.Widths)
        foreach (var depth in spec.Depths)
        {
            var arch = new Architecture(width, depth);
            var archLines = spec.TrainRates.Select(pt => AnalyzeLine(spec, arch, pt, cells)).ToList();
            lines.AddRange(archLines);
            diagrams.Add(PhaseDiagram.Build(arch, archLines));
        }
        return (lines, diagrams);
    }
}
