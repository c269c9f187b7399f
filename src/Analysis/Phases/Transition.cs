using System.Text.Json.Serialization;
using System.Globalization;

namespace Mentia.Analysis.Phases;

/// <summary>What a line shows along p_e: an eumentia-dementia transition, or why there is none.</summary>
public enum TransitionOutcome
{
    /// <summary>Larger N has significantly lower loss below and significantly higher loss above: a transition.</summary>
    Transition,
    /// <summary>Eumentia (possibly giving way to amentia or undecided cells) but no dementia above it.</summary>
    OnlyEumentia,
    /// <summary>Dementia but no eumentia below it.</summary>
    OnlyDementia,
    /// <summary>Loss at chance level for every N at most p_e: nothing was learned that could order the curves.</summary>
    Amentia,
    /// <summary>The order changes only in the first or last p_e interval: the transition may lie outside the range.</summary>
    AtEdge,
    /// <summary>Too few significant p_e on one side, or the order changes back and forth.</summary>
    TooNoisy,
    /// <summary>No p_e has an alpha (fewer than three sizes, or no cell with an error bar: one training run per cell), so no order can be tested; the reason says which.</summary>
    TooFewSizes,
}

/// <summary>
/// The verdict on one line. Found only for <see cref="TransitionOutcome.Transition"/>: then the order of
/// the curves changes between EvalRateBelow (the last eumentia p_e below the change) and EvalRateAbove
/// (the first dementia p_e above it), with EumentiaBelow significant eumentia
/// p_e under it, DementiaAbove significant dementia p_e over it, and Against p_e on the wrong side.
/// Reason says in words what was found, in every case.
/// </summary>
public sealed record TransitionVerdict(
    bool Found,
    TransitionOutcome Outcome,
    string Reason,
    [property: JsonPropertyName("p_eBelow")] double? EvalRateBelow,
    [property: JsonPropertyName("p_eAbove")] double? EvalRateAbove,
    int EumentiaBelow,
    int DementiaAbove,
    int Against);

/// <summary>
/// Decides whether a line has an eumentia-dementia transition (docs/analysis.md, "Transition"). The
/// evidence at each p_e is its phase (<see cref="PhaseClassifier"/>: the sign of alpha beyond the
/// threshold, amentia where the loss is at chance for every N). The split of the sorted p_e that best
/// separates eumentia below from dementia above is found (score: agreeing minus disagreeing p_e); a
/// transition needs at least <see cref="MinimumPerSide"/> significant p_e on each side and fewer
/// disagreeing p_e than half the agreeing ones. A line where fewer than max(2, a quarter of the p_e) have a
/// significant alpha, and fewer than half are amentia, is too noisy for any verdict; an order change only in
/// the first or last interval, with nothing against it, is at the edge of the range.
/// </summary>
public static class TransitionDetector
{
    /// <summary>Significant p_e needed on each side: one 2-sigma alpha among dozens of p_e is expected by chance.</summary>
    public const int MinimumPerSide = 2;

    /// <summary>Phases by p_e (any order); crossing locates an order change confined to the first or last interval.</summary>
    public static TransitionVerdict Decide(IReadOnlyList<(double EvalRate, Phase Phase)> phases, CrossingResult? crossing = null)
    {
        ArgumentNullException.ThrowIfNull(phases);
        var sorted = phases.OrderBy(p => p.EvalRate).ToArray();
        int n = sorted.Length;
        int e = sorted.Count(p => p.Phase == Phase.Eumentia);
        int d = sorted.Count(p => p.Phase == Phase.Dementia);
        int a = sorted.Count(p => p.Phase == Phase.Amentia);
        int u = n - e - d - a;
        if (n == 0)
        {
            return None(TransitionOutcome.TooFewSizes, "no p_e has results yet");
        }

        // Best split: after index j (j = -1: everything above). score = E below + D above - D below - E above.
        int bestJ = -1, bestScore = int.MinValue, eBelow = 0, dAbove = 0, against = 0;
        for (int j = -1; j < n; j++)
        {
            int eb = 0, db = 0, ea = 0, da = 0;
            for (int k = 0; k < n; k++)
            {
                var ph = sorted[k].Phase;
                bool below = k <= j;
                if (ph == Phase.Eumentia)
                {
                    if (below) { eb++; } else { ea++; }
                }
                else if (ph == Phase.Dementia)
                {
                    if (below) { db++; } else { da++; }
                }
            }
            var score = eb + da - db - ea;
            if (score > bestScore)
            {
                (bestJ, bestScore, eBelow, dAbove, against) = (j, score, eb, da, db + ea);
            }
        }

        string Rate(double p) => p.ToString("0.###", CultureInfo.InvariantCulture);
        var range = $"p_e {Rate(sorted[0].EvalRate)}-{Rate(sorted[^1].EvalRate)}";
        if (eBelow >= MinimumPerSide && dAbove >= MinimumPerSide && 2 * against < eBelow + dAbove && bestJ >= 0 && bestJ < n - 1)
        {
            // The bracket is evidence, not the split: from the last eumentia p_e at or below the split to the
            // first dementia p_e above it (undecided p_e between them could lie on either side).
            var lo = sorted.Take(bestJ + 1).Where(p => p.Phase == Phase.Eumentia).Max(p => p.EvalRate);
            var hi = sorted.Skip(bestJ + 1).Where(p => p.Phase == Phase.Dementia).Min(p => p.EvalRate);
            var wrong = against > 0 ? $", {against} on the wrong side" : "";
            var reason = $"the curves change order between p_e = {Rate(lo)} and {Rate(hi)}: {eBelow} eumentia p_e below, {dAbove} dementia above{wrong}";
            return new TransitionVerdict(true, TransitionOutcome.Transition, reason, lo, hi, eBelow, dAbove, against);
        }

        var edge = EdgeCrossing(sorted, crossing);
        int significant = e + d;
        if (significant > 0 && significant < Math.Max(MinimumPerSide, (n + 3) / 4) && a < n / 2)
        {
            // A handful of 2-sigma alphas among many undecided p_e is what noise alone produces.
            return None(TransitionOutcome.TooNoisy,
                $"too noisy: only {significant} of {n} p_e have an alpha significantly different from 0 ({e} eumentia, {d} dementia)", e, d, against);
        }
        if (e == 0 && d == 0)
        {
            if (a == 0 && u == n && phases.Count > 0)
            {
                return None(TransitionOutcome.TooNoisy, $"no p_e where alpha differs significantly from 0 ({range})", e, d, against);
            }
            return a >= u
                ? None(TransitionOutcome.Amentia, $"amentia: the loss is at chance level for every N at {a} of {n} p_e, and no p_e is eumentia or dementia", e, d, against)
                : None(TransitionOutcome.TooNoisy, $"no p_e where alpha differs significantly from 0 ({u} undecided, {a} amentia)", e, d, against);
        }
        if (edge is { } where && against == 0)
        {
            return None(TransitionOutcome.AtEdge, $"the curves cross only in the {where} p_e interval of {range}: the transition may lie outside the sampled range", e, d, against);
        }
        if (d == 0)
        {
            var tail = a > 0 ? $", amentia at {a} p_e" : "";
            return None(TransitionOutcome.OnlyEumentia, $"only eumentia: larger N has lower loss at {e} p_e and higher loss at none ({range}{tail})", e, d, against);
        }
        if (e == 0)
        {
            return None(TransitionOutcome.OnlyDementia, $"only dementia: larger N has higher loss at {d} p_e and lower loss at none ({range})", e, d, against);
        }
        if (against == 0 && (bestJ == n - 1 || (dAbove < MinimumPerSide && eBelow >= MinimumPerSide && bestJ >= n - 1 - MinimumPerSide)))
        {
            return None(TransitionOutcome.AtEdge, $"at the upper edge of {range}: only {dAbove} significant dementia p_e above the change of order (need {MinimumPerSide})", e, d, against);
        }
        if (against == 0 && (bestJ == -1 || (eBelow < MinimumPerSide && dAbove >= MinimumPerSide && bestJ < MinimumPerSide)))
        {
            return None(TransitionOutcome.AtEdge, $"at the lower edge of {range}: only {eBelow} significant eumentia p_e below the change of order (need {MinimumPerSide})", e, d, against);
        }
        return None(TransitionOutcome.TooNoisy, string.Create(CultureInfo.InvariantCulture,
            $"too noisy: the best split has {eBelow} eumentia p_e below, {dAbove} dementia above and {against} on the wrong side (need {MinimumPerSide} per side and fewer than half as many against)"), e, d, against);
    }

    private static TransitionVerdict None(TransitionOutcome outcome, string reason, int e = 0, int d = 0, int against = 0) =>
        new(false, outcome, reason, null, null, e, d, against);

    /// <summary>"first" or "last" when the crossing lies in that p_e interval and no p_e beyond it is of the other phase.</summary>
    private static string? EdgeCrossing((double EvalRate, Phase Phase)[] sorted, CrossingResult? crossing)
    {
        if (crossing is not { Found: true, EvalRate: { } pc } || sorted.Length < 3)
        {
            return null;
        }
        if (pc >= sorted[^2].EvalRate && !sorted.Any(p => p.Phase == Phase.Dementia && p.EvalRate < sorted[^2].EvalRate))
        {
            return "last";
        }
        if (pc <= sorted[1].EvalRate && !sorted.Any(p => p.Phase == Phase.Eumentia && p.EvalRate > sorted[1].EvalRate))
        {
            return "first";
        }
        return null;
    }
}
