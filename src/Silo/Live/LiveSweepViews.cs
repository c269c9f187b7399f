using Mentia.Analysis.Lines;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Sweeps;
using Mentia.Client.Output;
using Mentia.Client.Report;
using Mentia.Core.Ledger;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;

namespace Mentia.Silo.Live;

/// <summary>
/// Turns what the grains answer (the sweep's progress and runs, the analysis grain's results) into the page's
/// view. It computes nothing of its own physics: alpha, phases, crossings and collapses are the results'
/// numbers, the boundary rows and their text are <see cref="BoundaryRows"/>' (the CLI's), and the collapse's
/// x is the fitter's own scaling variable at the fitted p_c and exponent.
/// </summary>
public static class LiveSweepViews
{
    public static LiveSweepView Build(SweepProgress progress, IReadOnlyList<RunReport> runs, SweepResults results, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(results);
        // A training is held by the silo training it; an evaluation by the silos its chunks are out on (any silo
        // evaluates, not only the one that trained the run), counted once per run and silo.
        var training = runs.Where(r => r.Stage == RunStage.Training && r.Worker is not null).Select(r => (Silo: r.Worker!, Training: true));
        var evaluating = runs.Where(r => r.Stage == RunStage.Evaluating)
            .SelectMany(r => (r.EvaluatingOn ?? []).Distinct().Select(silo => (Silo: silo, Training: false)));
        var silos = training.Concat(evaluating)
            .GroupBy(h => h.Silo)
            .Select(g => new LiveSilo(g.Key, g.Count(h => h.Training), g.Count(h => !h.Training)))
            .OrderBy(s => s.Silo, StringComparer.Ordinal)
            .ToList();
        var failures = runs.Where(r => r.LastError is { Length: > 0 } && (r.Stage == RunStage.Failed || r.Attempt > 1))
            .Select(r => new LiveFailure(r.RunKey, Stage(r.Stage), r.Attempt, r.LastError!))
            .ToList();
        return new LiveSweepView(progress, Elapsed(progress, now), Eta(progress, now), results.GeneratedAt,
            results.ReplicasPerCell, results.CellsTotal, results.CellsComplete, silos, failures,
            Diagrams(results), results.Lines.Select(l => Line(l, results.Cells)).ToList(),
            BoundaryRows.Columns, BoundaryRows.Legend);
    }

    /// <summary>A line of the sweep list.</summary>
    public static LiveSweepSummary Summary(SweepProgress progress, DateTimeOffset now) => new(progress, Elapsed(progress, now), Eta(progress, now));

    private static double Elapsed(SweepProgress p, DateTimeOffset now) => Math.Max(0, ((p.FinishedAt ?? now) - p.SubmittedAt).TotalSeconds);

    /// <summary>
    /// The rest of a running sweep at its pace since submission: evaluation passes are the last stage of every
    /// run, so passes done over elapsed time is the sweep's throughput. Null until a pass is done, and once it ends.
    /// (A resumed sweep's early passes make it optimistic; `mentia watch` measures its own rate instead.)
    /// </summary>
    private static double? Eta(SweepProgress p, DateTimeOffset now)
    {
        var elapsed = Elapsed(p, now);
        if (p.State != SweepState.Running || p.PassesDone <= 0 || p.PassesTotal <= 0 || elapsed <= 0)
        {
            return null;
        }
        return Math.Round(elapsed * (p.PassesTotal - p.PassesDone) / p.PassesDone, 1);
    }

    private static string Stage(RunStage s) => s.ToString().ToLowerInvariant();

    /// <summary>The one architecture slug (w64d2), as every table and key writes it.</summary>
    private static string ArchName(int width, int depth) => new Architecture(width, depth).ToString();

    /// <summary>
    /// One heat map per architecture of the spec, on the spec's whole (p_t, p_e) grid and N list, so the axes and the
    /// cell count do not move as results arrive; a cell is listed once it has results.
    /// </summary>
    private static IReadOnlyList<LiveDiagram> Diagrams(SweepResults results)
    {
        var spec = SpecReader.Parse(results.SpecText, results.SweepId);
        var trainRates = spec.TrainRates.Order().ToList();
        var evalRates = spec.EvalRates.Order().ToList();
        var sizes = spec.Sizes.Order().ToList();
        return spec.Widths.SelectMany(w => spec.Depths.Select(d => (Width: w, Depth: d))).Distinct()
            .OrderBy(a => a.Width).ThenBy(a => a.Depth).Select(arch =>
        {
            var (width, depth) = arch;
            var lines = results.Lines.Where(l => l.Architecture.Width == width && l.Architecture.Depth == depth).ToList();
            var diagram = results.PhaseDiagrams.FirstOrDefault(d => d.Architecture.Width == width && d.Architecture.Depth == depth);
            var cells = results.Cells.Where(c => c.Width == width && c.Depth == depth)
                .GroupBy(c => (c.TrainRate, c.EvalRate)).OrderBy(g => g.Key.TrainRate).ThenBy(g => g.Key.EvalRate).Select(g =>
            {
                var (pt, pe) = g.Key;
                var alpha = lines.FirstOrDefault(l => Same(l.TrainRate, pt))?.Alphas.FirstOrDefault(a => Same(a.EvalRate, pe));
                var losses = g.OrderBy(c => c.Size).Select(c => new LiveLoss(c.Size, c.Statistics.MeanLoss, c.Statistics.MeanLossErr, c.Statistics.Runs)).ToList();
                return new LiveCell(pt, pe, alpha?.Fit.Alpha, alpha?.Fit.AlphaErr,
                    alpha is null ? "undecided" : alpha.Classification.Phase.ToString().ToLowerInvariant(),
                    alpha?.Classification.Reason ?? "no alpha yet: the line has not been analysed at this p_e",
                    losses.Min(l => l.Runs), losses);
            }).ToList();
            return new LiveDiagram(ArchName(width, depth), width, depth, trainRates, evalRates, sizes, cells,
                diagram?.Boundaries.Select(b => new LiveBoundary(b.First.ToString().ToLowerInvariant(), b.Second.ToString().ToLowerInvariant(),
                    b.Points.Select(q => q.TrainRate).ToList(), b.Points.Select(q => q.EvalRate).ToList())).ToList() ?? [],
                diagram?.CrossingBoundary.Select(c => new LiveCrossing(c.TrainRate, c.EvalRate, c.EvalRateErr)).ToList() ?? []);
        }).ToList();
    }

    private static LiveLine Line(LineResult line, IReadOnlyList<CellResult> all)
    {
        var a = line.Architecture;
        var cells = all.Where(c => c.Width == a.Width && c.Depth == a.Depth && Same(c.TrainRate, line.TrainRate)).ToList();
        var curves = cells.GroupBy(c => c.Size).OrderBy(g => g.Key).Select(g =>
        {
            var ordered = g.OrderBy(c => c.EvalRate).ToList();
            return new LiveCurve(g.Key, ordered.Select(c => c.EvalRate).ToList(), ordered.Select(c => c.Statistics.MeanLoss).ToList(),
                ordered.Select(c => c.Statistics.MeanLossErr).ToList());
        }).ToList();
        var row = BoundaryRows.From(line);
        return new LiveLine(ArchName(a.Width, a.Depth), line.TrainRate, curves,
            line.HasTransition && line.Crossing.Found ? line.Crossing.EvalRate : null, line.HasTransition && line.Crossing.Found ? line.Crossing.EvalRateErr : null,
            line.Scaling.Select(f => Collapse(line, cells, f)).ToList(), row, BoundaryRows.Cells(row), BoundaryRows.NoTransition(row));
    }

    /// <summary>The points the collapse used (its window and smallest N, as the report draws them) on its scaling variable.</summary>
    private static LiveCollapse Collapse(LineResult line, IReadOnlyList<CellResult> cells, FssResult f)
    {
        var series = new List<LiveCollapseSeries>();
        if (f.Fitted && f.Pc is { } pc && f.Exponent is { } exponent)
        {
            var used = ReportData.CollapsePoints(line, cells, f).ToArray();
            var x = FssFitter.CollapseVariables(used, f.Ansatz, pc, exponent, f.N0 ?? 1.0);
            series.AddRange(Enumerable.Range(0, used.Length).Where(i => double.IsFinite(x[i])).GroupBy(i => used[i].N).OrderBy(g => g.Key)
                .Select(g =>
                {
                    var idx = g.OrderBy(i => x[i]).ToArray();
                    return new LiveCollapseSeries((int)g.Key, idx.Select(i => x[i]).ToList(), idx.Select(i => used[i].Y).ToList(), idx.Select(i => used[i].Dy).ToList());
                }));
        }
        return new LiveCollapse(f.Ansatz == FssAnsatz.Bkt ? "bkt" : "algebraic", f.Fitted, f.Reason, f.Pc, f.ExponentName, f.Exponent, f.Chi2, f.N0, f.Flags, series);
    }

    /// <summary>Rates are values from the spec's grid: equal within rounding.</summary>
    private static bool Same(double a, double b) => Math.Abs(a - b) < 1e-9;
}
