using Mentia.Analysis.Exponents;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Core.Sweeps;

namespace Mentia.Analysis.Lines;

/// <summary>alpha at one p_e with its phase; Points are the (N, &lt;L&gt;, error) it was fitted to.</summary>
public sealed record AlphaAtRate(double EvalRate, AlphaFitResult Fit, PhaseClassification Classification, IReadOnlyList<SizePoint> Points);

/// <summary>
/// The analysis of one (architecture, p_t): alpha and phase per p_e, the crossing estimate of the
/// eumentia-dementia boundary, one FSS result per requested ansatz, and notes on data left out.
/// </summary>
public sealed record LineResult(
    Architecture Architecture,
    double TrainRate,
    IReadOnlyList<AlphaAtRate> Alphas,
    CrossingResult Crossing,
    IReadOnlyList<FssResult> Scaling,
    IReadOnlyList<string> Notes);
