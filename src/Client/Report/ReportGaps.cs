using Mentia.Analysis.Exponents;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Sweeps;

namespace Mentia.Client.Report;

/// <summary>
/// Finds what a sweep's results are too thin to show (<see cref="ReportGap"/>). The conditions are those under
/// which the analysis itself gives up (no fit without error bars, no alpha below <see cref="AlphaFit.MinimumSizes"/>
/// sizes, no transition with fewer than <see cref="TransitionDetector.MinimumPerSide"/> p_e per side), checked on
/// the results so that a report says the same for a sweep run, reanalysed, or still running.
/// </summary>
internal static class ReportGaps
{
    private const string NothingFitted = "no alpha, no phase diagram, no transitions and no finite-size-scaling collapse";

    public static IReadOnlyList<ReportGap> Find(SweepResults r)
    {
        var withResults = r.Cells.Where(c => c.Statistics.Runs > 0).ToArray();
        if (withResults.Length == 0)
        {
            return r.Cells.Count == 0 && r.Lines.Count == 0 ? [new ReportGap("no figures", "the results hold no cells")] : [new ReportGap("no figures of the data", "no cell has results yet")];
        }
        // Each check stands alone, so a sweep thin in two ways hears of both (fixing one would not be enough).
        var gaps = new List<ReportGap>();
        if (ReportData.FitPoints(withResults).Count == 0)
        {
            var runs = withResults.Max(c => c.Statistics.Runs);
            var why = runs <= 1
                ? "1 training run per cell (replicas: 1): error bars are bootstrap errors over training runs, so there are none, and every fit is weighted by them; " +
                  "the curves and the accuracy map show means without error bars (replicas >= 2 gives error bars)"
                : "no cell's loss varies between its training runs, so no cell has a positive error bar to weight a fit with";
            gaps.Add(new ReportGap($"no error bars, so {NothingFitted}", why));
        }
        var sizes = withResults.Select(c => c.Size).Distinct().Order().ToArray();
        if (sizes.Length < AlphaFit.MinimumSizes)
        {
            gaps.Add(new ReportGap(NothingFitted,
                $"fewer than {AlphaFit.MinimumSizes} sizes N ({sizes.Length}: {string.Join(", ", sizes)}); " +
                $"the exponent alpha of <L> ~ N^alpha needs at least {AlphaFit.MinimumSizes} sizes to be fitted and classified"));
        }
        var rates = withResults.Select(c => c.EvalRate).Distinct().Count();
        if (rates < 2 * TransitionDetector.MinimumPerSide && !r.Lines.Any(l => l.HasTransition))
        {
            gaps.Add(new ReportGap("no transitions and no finite-size-scaling collapse",
                $"{rates} p_e; a transition needs at least {TransitionDetector.MinimumPerSide} eumentia p_e below it and {TransitionDetector.MinimumPerSide} dementia p_e above it"));
        }
        return gaps;
    }
}
