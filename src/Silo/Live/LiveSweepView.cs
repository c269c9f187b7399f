using System.Text.Json.Serialization;
using Mentia.Client.Output;
using Mentia.GrainInterfaces;

namespace Mentia.Silo.Live;

/// <summary>
/// Everything the live page of one sweep shows, as of one moment: built from the same grains and the same
/// code as `mentia status`, `mentia boundary` and `mentia results` (<see cref="LiveSweepViews"/>), so the
/// browser only draws it. Sent as JSON with the CLI's options and vocabulary (p_t, p_e, N, replicas: docs/results.md).
/// </summary>
public sealed record LiveSweepView(
    SweepProgress Progress,
    double ElapsedSeconds,
    double? EtaSeconds,
    DateTimeOffset GeneratedAt,
    int ReplicasPerCell,
    int CellsTotal,
    int CellsComplete,
    IReadOnlyList<LiveSilo> Silos,
    IReadOnlyList<LiveFailure> Failures,
    IReadOnlyList<LiveDiagram> Diagrams,
    IReadOnlyList<LiveLine> Lines,
    IReadOnlyList<string> BoundaryColumns,
    string BoundaryLegend);

/// <summary>A silo that holds training runs of the sweep now (the ledger's worker of each run in training or evaluation).</summary>
/// <summary>A silo holding work now: runs it is training, and runs with evaluation chunks out on it.</summary>
public sealed record LiveSilo(string Silo, int Training, int Evaluating);

/// <summary>A run that failed for good, or that failed before and was tried again, with its last error.</summary>
public sealed record LiveFailure([property: JsonPropertyName("replica")] string Run, string Stage, int Attempt, string Error);

/// <summary>The phase diagram of one architecture: one cell per (p_t, p_e) that has results, its boundaries and crossing points.</summary>
public sealed record LiveDiagram(
    string Architecture, int Width, int Depth,
    [property: JsonPropertyName("p_t")] IReadOnlyList<double> TrainRates,
    [property: JsonPropertyName("p_e")] IReadOnlyList<double> EvalRates,
    [property: JsonPropertyName("N")] IReadOnlyList<int> Sizes,
    IReadOnlyList<LiveCell> Cells,
    IReadOnlyList<LiveBoundary> Boundaries,
    IReadOnlyList<LiveCrossing> Crossings);

/// <summary>
/// One (p_t, p_e) cell of the heat map: alpha with its error and phase (null alpha: not fitted yet, the
/// reason says why), the mean loss per N and the replicas so far (the fewest of any N: what every N has).
/// </summary>
public sealed record LiveCell(
    [property: JsonPropertyName("p_t")] double TrainRate,
    [property: JsonPropertyName("p_e")] double EvalRate,
    double? Alpha, double? AlphaErr, string Phase, string Reason,
    [property: JsonPropertyName("replicas")] int Runs,
    IReadOnlyList<LiveLoss> Losses);

/// <summary>&lt;L&gt; at one N with its bootstrap error and the replicas it holds.</summary>
public sealed record LiveLoss([property: JsonPropertyName("N")] int Size, double Loss, double? LossErr, [property: JsonPropertyName("replicas")] int Runs);

/// <summary>A phase boundary as a polyline in the (p_t, p_e) plane, between two phases.</summary>
public sealed record LiveBoundary(string First, string Second, [property: JsonPropertyName("p_t")] IReadOnlyList<double> TrainRates, [property: JsonPropertyName("p_e")] IReadOnlyList<double> EvalRates);

/// <summary>The crossing of the &lt;L&gt;(p_e) curves at one p_t: a point of the eumentia-dementia boundary.</summary>
public sealed record LiveCrossing([property: JsonPropertyName("p_t")] double TrainRate, [property: JsonPropertyName("p_e")] double EvalRate, [property: JsonPropertyName("p_eErr")] double? EvalRateErr);

/// <summary>
/// One p_t line: &lt;L&gt;(p_e) per N, the crossing, each collapse (its points on the scaling variable and its chi2),
/// and the boundary row exactly as `mentia boundary` builds it (<see cref="BoundaryRows.From(Mentia.Analysis.Lines.LineResult)"/>)
/// with the strings its table prints.
/// </summary>
public sealed record LiveLine(
    string Architecture,
    [property: JsonPropertyName("p_t")] double TrainRate,
    IReadOnlyList<LiveCurve> Curves,
    [property: JsonPropertyName("crossingP_e")] double? CrossingEvalRate,
    [property: JsonPropertyName("crossingP_eErr")] double? CrossingEvalRateErr,
    IReadOnlyList<LiveCollapse> Collapses,
    BoundaryRow Boundary,
    IReadOnlyList<string> BoundaryCells,
    string? NoTransition);

/// <summary>&lt;L&gt;(p_e) at one N.</summary>
public sealed record LiveCurve([property: JsonPropertyName("N")] int Size, [property: JsonPropertyName("p_e")] IReadOnlyList<double> EvalRates, IReadOnlyList<double> Losses, IReadOnlyList<double?> LossErrs);

/// <summary>A collapse at its best fit: the points it used on the scaling variable x, per N; null x where it was not fitted.</summary>
public sealed record LiveCollapse(
    string Ansatz, bool Fitted, string? Reason, double? Pc, string ExponentName, double? Exponent, double? Chi2, double? N0,
    IReadOnlyList<string> Flags, IReadOnlyList<LiveCollapseSeries> Series);

/// <summary>One N of a collapse: x (the scaling variable), &lt;L&gt; and its error.</summary>
public sealed record LiveCollapseSeries([property: JsonPropertyName("N")] int Size, IReadOnlyList<double> X, IReadOnlyList<double> Loss, IReadOnlyList<double> LossErr);

/// <summary>One line of the page's sweep list (`/`).</summary>
public sealed record LiveSweepSummary(SweepProgress Progress, double ElapsedSeconds, double? EtaSeconds);
