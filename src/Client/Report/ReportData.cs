using Mentia.Analysis.Lines;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Sweeps;

namespace Mentia.Client.Report;

/// <summary>Look-ups into a <see cref="SweepResults"/> that several figures share.</summary>
internal static class ReportData
{
    /// <summary>"w64d2": the one architecture slug (<see cref="Architecture.ToString"/>), as tables, keys and file names write it.</summary>
    public static string ArchKey(Architecture a) => a.ToString();

    public static string ArchText(Architecture a) => $"width {a.Width}, depth {a.Depth}";

    public static string RateKey(double p) => "pt" + p.ToString("0.000", FigureKit.Inv);

    public static IReadOnlyList<CellResult> Cells(SweepResults r, Architecture a, double trainRate) =>
        r.Cells.Where(c => c.Width == a.Width && c.Depth == a.Depth && c.TrainRate == trainRate && c.Statistics.Runs > 0).ToArray();

    public static IReadOnlyList<Architecture> Architectures(SweepResults r) =>
        r.PhaseDiagrams.Select(d => d.Architecture)
            .Concat(r.Lines.Select(l => l.Architecture))
            .Concat(r.Cells.Select(c => new Architecture(c.Width, c.Depth)))
            .Distinct().OrderBy(a => a.Width).ThenBy(a => a.Depth).ToArray();

    public static IReadOnlyList<LineResult> Lines(SweepResults r, Architecture a) =>
        r.Lines.Where(l => l.Architecture == a).OrderBy(l => l.TrainRate).ToArray();

    /// <summary>The cells a fit can use, by <see cref="LineAnalysis.FitPoints"/>'s rule.</summary>
    public static IReadOnlyList<ScalingPoint> FitPoints(IEnumerable<CellResult> cells) =>
        LineAnalysis.FitPoints(cells.Select(c => new LineCell(c.EvalRate, c.Size, c.Statistics)));

    /// <summary>
    /// The points of one FSS fit: the line's fit points (as the analysis recorded them; recomputed by the same
    /// rule for results written before they were recorded) inside the fit's p_e window and sizes.
    /// </summary>
    public static IReadOnlyList<ScalingPoint> CollapsePoints(LineResult line, IEnumerable<CellResult> cells, FssResult fss) =>
        (line.Points ?? FitPoints(cells)).Where(q => (fss.WindowLow is not { } lo || q.P >= lo) && (fss.WindowHigh is not { } hi || q.P <= hi)
                                    && (fss.MinSize is not { } min || q.N >= min)).ToArray();

    /// <summary>The flags in words for a caption: "flags: poor-collapse, window-unstable" or "no flags".</summary>
    public static string FlagText(FssResult f) => f.Flags.Count == 0 ? "no flags" : "flags: " + string.Join(", ", f.Flags);

    public static string PhaseName(Phase p) => p.ToString().ToLowerInvariant();

    public static string AnsatzName(Mentia.Core.Specs.FssAnsatz a) => a == Mentia.Core.Specs.FssAnsatz.Bkt ? "BKT" : "algebraic";

    public static string ExponentSymbol(string name) => name switch
    {
        "kappa" => "κ",
        "nu" => "ν",
        _ => name,
    };
}
