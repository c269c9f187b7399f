using System.Text.Json.Serialization;
using Mentia.Analysis.Exponents;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Core.Sweeps;

namespace Mentia.Analysis.Lines;

/// <summary>alpha at one p_e with its phase; Points are the (N, &lt;L&gt;, error) it was fitted to.</summary>
public sealed record AlphaAtRate([property: JsonPropertyName("p_e")] double EvalRate, AlphaFitResult Fit, PhaseClassification Classification, IReadOnlyList<SizePoint> Points);

/// <summary>
/// The analysis of one (architecture, p_t): alpha and phase per p_e, the verdict on whether the line
/// has an eumentia-dementia transition, the crossing estimate of it, one FSS result per requested
/// ansatz, and notes on data left out. Where <see cref="Transition"/> is not found, the crossing is
/// not found and no collapse is fitted (each says why); the pairwise crossings are kept as data.
/// <see cref="Points"/> are the (p_e, N, &lt;L&gt;, error) points every fit of the line chose from (see
/// <see cref="LineAnalysis.FitPoints"/>); each collapse uses those inside its window and sizes.
/// </summary>
public sealed record LineResult(
    Architecture Architecture,
    [property: JsonPropertyName("p_t")] double TrainRate,
    IReadOnlyList<AlphaAtRate> Alphas,
    CrossingResult Crossing,
    IReadOnlyList<FssResult> Scaling,
    IReadOnlyList<string> Notes,
    TransitionVerdict? Transition = null,
    IReadOnlyList<ScalingPoint>? Points = null)
{
    /// <summary>True when the line has a declared transition (older results without a verdict count as none).</summary>
    public bool HasTransition => Transition is { Found: true };
}
