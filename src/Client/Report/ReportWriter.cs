using Mentia.Analysis.Sweeps;

namespace Mentia.Client.Report;

/// <summary>
/// `mentia report`: every figure of a sweep's results as PNG and SVG, and an index.html that shows them with the
/// spec and the fitted numbers. Works on results from a file or a live cluster alike; needs nothing else.
/// Results too thin for parts of the analysis get the figures their data hold and a stated list of the rest
/// (<see cref="ReportGaps"/>), never a figure drawn empty.
/// </summary>
public static class ReportWriter
{
    public static ReportManifest Write(SweepResults results, string outDir, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        var o = options ?? new ReportOptions();
        Directory.CreateDirectory(outDir);
        var figures = new List<ReportFigure>();
        foreach (var arch in ReportData.Architectures(results))
        {
            var key = ReportData.ArchKey(arch);
            if (results.PhaseDiagrams.FirstOrDefault(d => d.Architecture == arch) is { } diagram)
            {
                figures.AddRange(PhaseFigures.Write(results, diagram, outDir, o));
            }
            var lines = ReportData.Lines(results, arch);
            figures.AddRange(ScalingFigures.Summary(lines, key, ReportData.ArchText(arch), outDir, o));
            foreach (var line in lines)
            {
                figures.AddRange(LineFigures.Write(results, line, outDir, o));
                figures.AddRange(PowerLawFigures.Write(results, line, outDir, o));
                figures.AddRange(ScalingFigures.Write(results, line, outDir, o));
                figures.AddRange(FssCheckFigures.Write(line, outDir, o));
                figures.AddRange(TrainingCurveFigures.Write(line, outDir, o));
            }
        }
        figures.AddRange(RobustnessFigures.Write(results, outDir, o));
        var missing = ReportGaps.Find(results);
        var index = Path.Combine(outDir, "index.html");
        File.WriteAllText(index, HtmlReport.Render(results, figures, missing, o.GeneratedAt ?? DateTimeOffset.UtcNow));
        return new ReportManifest(Path.GetFullPath(outDir), index, figures) { Missing = missing };
    }
}
