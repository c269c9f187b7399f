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
        var points = new List<ScalingPoint>();
        int unweighted = 0;
        foreach (var cell in input.Cells)
        {
            var s = cell.Statistics;
            if (s.MeanLossErr is { } err && err > 0 && double.IsFinite(s.MeanLoss) && s.MeanLoss > 0)
            {
                points.Add(new ScalingPoint(cell.EvalRate, cell.Size, s.MeanLoss, err));
            }
            else
            {
                unweighted++;
            }
        }
        if (unweighted > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{unweighted} of {input.Cells.Count} cells left out: no positive bootstrap error of the loss (fewer than two runs?)"));
        }
        return Analyze(input.Architecture, input.TrainRate, points, settings, seed, notes);
    }

    /// <summary>The same from plain points (P = p_e, N, Y = &lt;L&gt;, Dy = its error), for data from any source.</summary>
    public static LineResult Analyze(Architecture architecture, double trainRate, IReadOnlyList<ScalingPoint> points, AnalysisSettings settings, ulong seed) =>
        Analyze(architecture, trainRate, points, settings, seed, []);

    private static LineResult Analyze(Architecture architecture, double trainRate, IReadOnlyList<ScalingPoint> points, AnalysisSettings settings, ulong seed, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(points);
        var alphas = points.GroupBy(q => q.P).OrderBy(g => g.Key).Select(g =>
        {
            var sizePoints = g.OrderBy(q => q.N).Select(q => new SizePoint(q.N, q.Y, q.Dy)).ToArray();
            var fit = AlphaFit.Fit(sizePoints);
            return new AlphaAtRate(g.Key, fit, PhaseClassifier.Classify(fit, sizePoints, settings), sizePoints);
        }).ToArray();

        var crossing = Crossing.Estimate(points, seed);
        var scaling = settings.Fss.Ansatzes.Distinct()
            .Select(a => FssFitter.Fit(points, FssOptions.From(settings.Fss, a)))
            .ToArray();
        return new LineResult(architecture, trainRate, alphas, crossing, scaling, notes);
    }
}
