using System.Globalization;
using Mentia.Analysis.Exponents;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;

namespace Mentia.Analysis.Lines;

/// <summary>
/// The analysis of one p_t line, from whatever cells have results. Never throws for missing or
/// thin data: each part that cannot be done says why in its result. Cells whose loss has no
/// bootstrap error (fewer than two runs, or identical runs) cannot be weighted and are left out
/// of every fit, with a note.
/// </summary>
public static class LineAnalysis
{
    public static LineResult Analyze(LineInput input, AnalysisSettings settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(settings);
        var notes = new List<string>();
        var points = FitPoints(input.Cells);
        int unweighted = input.Cells.Count - points.Count;
        if (unweighted > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{unweighted} of {input.Cells.Count} cells left out: no positive bootstrap error of the loss (fewer than two runs?)"));
        }
        var runs = input.Cells.Where(c => c.Statistics.MeanLossErr is > 0).Select(c => (double)c.Statistics.Runs).Order().ToArray();
        double? runsPerPoint = runs.Length > 0 ? runs[runs.Length / 2] : null;
        // Cells with results but none usable: say so, rather than "no p_e has results yet" (a sweep with replicas: 1).
        var whyNoPoints = points.Count == 0 && input.Cells.Count > 0
            ? input.Cells.Max(c => c.Statistics.Runs) <= 1
                ? "no cell has an error bar of its loss: each has 1 training run, and the errors that weight every fit are bootstrap errors over runs (replicas >= 2 needed)"
                : "no cell has a positive error bar of its loss (its training runs gave identical losses), and every fit is weighted by them"
            : null;
        return Analyze(input.Architecture, input.TrainRate, points, settings, seed, notes, runsPerPoint, whyNoPoints);
    }

    /// <summary>
    /// The cells a fit can use, as scaling points (P = p_e, N, Y = &lt;L&gt;, Dy = its bootstrap error): those with
    /// a positive, finite loss and a positive error (a weight), ordered by p_e then N. The one definition; <see cref="LineResult.Points"/> keeps the result.
    /// </summary>
    public static IReadOnlyList<ScalingPoint> FitPoints(IEnumerable<LineCell> cells) =>
        cells.Where(c => c.Statistics.MeanLossErr is > 0 && double.IsFinite(c.Statistics.MeanLoss) && c.Statistics.MeanLoss > 0)
            .Select(c => new ScalingPoint(c.EvalRate, c.Size, c.Statistics.MeanLoss, c.Statistics.MeanLossErr!.Value))
            .OrderBy(q => q.P).ThenBy(q => q.N) // one order, whatever order the cells arrived in
            .ToArray();

    private static ScalingPoint[] InOrder(IReadOnlyList<ScalingPoint> points) => points.OrderBy(q => q.P).ThenBy(q => q.N).ToArray();

    /// <summary>The same from plain points (P = p_e, N, Y = &lt;L&gt;, Dy = its error), for data from any source.</summary>
    public static LineResult Analyze(Architecture architecture, double trainRate, IReadOnlyList<ScalingPoint> points, AnalysisSettings settings, ulong seed) =>
        Analyze(architecture, trainRate, points, settings, seed, []);

    private static LineResult Analyze(Architecture architecture, double trainRate, IReadOnlyList<ScalingPoint> points, AnalysisSettings settings, ulong seed, List<string> notes, double? runsPerPoint = null, string? whyNoPoints = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        var alphas = points.GroupBy(q => q.P).OrderBy(g => g.Key).Select(g =>
        {
            var sizePoints = g.OrderBy(q => q.N).Select(q => new SizePoint(q.N, q.Y, q.Dy)).ToArray();
            var fit = AlphaFit.Fit(sizePoints);
            return new AlphaAtRate(g.Key, fit, PhaseClassifier.Classify(fit, sizePoints, settings), sizePoints);
        }).ToArray();

        var crossing = Crossing.Estimate(points, seed);
        var transition = alphas.Length > 0 && alphas.All(a => !a.Fit.Fitted)
            ? new TransitionVerdict(false, TransitionOutcome.TooFewSizes, $"no p_e has an alpha: {alphas[0].Fit.Reason}", null, null, 0, 0, 0)
            : alphas.Length == 0 && whyNoPoints is not null
                ? new TransitionVerdict(false, TransitionOutcome.TooFewSizes, $"no p_e has an alpha: {whyNoPoints}", null, null, 0, 0, 0)
                : TransitionDetector.Decide(alphas.Select(a => (a.EvalRate, a.Classification.Phase)).ToArray(), crossing);

        var ansatzes = settings.Fss.Ansatzes.Distinct().ToArray();
        if (!transition.Found)
        {
            // No p_c of any kind where the data show no transition: the crossing and the collapses say why
            // instead; the pairwise crossings stay as data.
            var why = $"no eumentia-dementia transition on this line: {transition.Reason}";
            crossing = crossing with { Found = false, Reason = why, EvalRate = null, EvalRateErr = null, Spread = null };
            var unfitted = ansatzes.Select(a => new FssResult
            {
                Ansatz = a,
                ExponentName = Ansatz.ExponentName(a),
                Fitted = false,
                Reason = why,
                N0 = a == FssAnsatz.Bkt ? settings.Fss.N0 : null,
                Points = 0,
                Sizes = 0,
                ContourLevel = settings.Fss.Contour.ToString(),
            }).ToArray();
            return new LineResult(architecture, trainRate, alphas, crossing, unfitted, notes, transition, InOrder(points));
        }

        var (centre, h0) = WindowScan.Around(points, crossing.EvalRate, crossing.Spread, (transition.EvalRateBelow!.Value + transition.EvalRateAbove!.Value) / 2);
        var scaling = ansatzes.Select(a =>
        {
            var options = FssOptions.From(settings.Fss, a) with { RunsPerPoint = runsPerPoint };
            var fit = options.WindowLow is null && options.WindowHigh is null
                ? WindowScan.Fit(points, options, centre, h0, (transition.EvalRateBelow!.Value, transition.EvalRateAbove!.Value))
                : FssFitter.Fit(points, options);
            if (!fit.Fitted)
            {
                return fit;
            }
            var drift = CrossingDrift.Extrapolate(crossing.Pairs, fit, fit.MinSize, (points.Min(q => q.P), points.Max(q => q.P)));
            var flags = drift.Agrees == false ? CollapseQuality.With(fit.Flags, CollapseQuality.DriftDisagrees) : fit.Flags;
            return fit with { Drift = drift, Flags = flags };
        }).ToArray();
        return new LineResult(architecture, trainRate, alphas, crossing, scaling, notes, transition, InOrder(points));
    }
}
