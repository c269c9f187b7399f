namespace Mentia.Core.Specs;

/// <summary>
/// The warnings of a valid spec: grids too thin for parts of the analysis (docs/analysis.md says why each
/// part needs what it needs). The thresholds mirror constants of Mentia.Analysis, which Core cannot
/// reference; a test in Client.Tests holds them equal.
/// </summary>
public static class SpecWarnings
{
    /// <summary>Sizes N an exponent alpha needs (Mentia.Analysis.Exponents.AlphaFit.MinimumSizes).</summary>
    public const int MinimumSizes = 3;

    /// <summary>Training runs per cell below which a collapse is flagged few-runs (Mentia.Analysis.Scaling.CollapseQuality.MinimumRuns).</summary>
    public const int MinimumRuns = 4;

    /// <summary>Significant p_e a transition needs on each side (Mentia.Analysis.Phases.TransitionDetector.MinimumPerSide).</summary>
    public const int MinimumPerSide = 2;

    /// <summary>Every warning of <paramref name="spec"/>, in field order; empty when it can deliver everything.</summary>
    public static IReadOnlyList<SpecWarning> For(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var warnings = spec.OldKeys
            .Select(k => new SpecWarning(k, $"'{k}' is schema 1's name of '{SpecVocabulary.CurrentName(k)}' (docs/results.md, Vocabulary); read as '{SpecVocabulary.CurrentName(k)}': rename it"))
            .ToList();
        var nothingFitted = "so no alpha, no phases, no phase diagram, no transitions and no finite-size-scaling collapse; only the mean loss and accuracy";
        if (spec.Replicas == 1)
        {
            warnings.Add(new SpecWarning("replicas",
                "1 training run per (width, depth, p_t, N): error bars are bootstrap errors over training runs, so no cell will have one; " +
                $"every fit is weighted by them, {nothingFitted} (give replicas >= 2; >= {MinimumRuns} for collapses without the few-runs flag)"));
        }
        else if (spec.Replicas < MinimumRuns)
        {
            warnings.Add(new SpecWarning("replicas",
                $"{spec.Replicas} training runs per (width, depth, p_t, N): error bars from fewer than {MinimumRuns} runs are themselves very uncertain, " +
                $"so every finite-size-scaling collapse will carry the few-runs flag (give replicas >= {MinimumRuns})"));
        }
        if (spec.Sizes.Count < MinimumSizes)
        {
            warnings.Add(new SpecWarning("N",
                $"{spec.Sizes.Count} size(s) N: the exponent alpha of <L> ~ N^alpha needs at least {MinimumSizes} sizes to be fitted and classified, {nothingFitted} (give at least {MinimumSizes} sizes)"));
        }
        if (spec.EvalRates.Count < 2 * MinimumPerSide)
        {
            warnings.Add(new SpecWarning("dropout.p_e",
                $"{spec.EvalRates.Count} p_e: a transition needs at least {MinimumPerSide} eumentia p_e below it and {MinimumPerSide} dementia p_e above it, " +
                $"so no transition, no p_c and no collapse can be found (give at least {2 * MinimumPerSide} p_e)"));
        }
        if (spec.Budget is { } budget && Sweeps.SweepCost.LowerBound(spec) is var cost && cost.Hours(budget) is var hours && hours > budget.Hours)
        {
            var evaluationHours = cost.EvaluationFlops / cost.TotalFlops * hours;
            var epochs = Sweeps.SweepCost.MinimumEpochs(spec.Training);
            warnings.Add(new SpecWarning("budget.hours", FormattableString.Invariant(
                $"the grid needs at least {hours:0.#} h on {budget.Devices} device(s) at {budget.Gflops:G4} GFLOP/s (evaluation alone {evaluationHours:0.#} h; training at least {epochs} epochs per run), over the budget of {budget.Hours:G4} h: the sweep will not finish in time on that hardware (fewer p_e, passes, replicas or sizes N, or more devices)")));
        }
        return warnings;
    }
}
