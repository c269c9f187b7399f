using System.Text.Json.Serialization;
using Mentia.Analysis.Lines;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Statistics;

namespace Mentia.Analysis.Sweeps;

/// <summary>One phase-diagram cell (width, depth, p_t, p_e, N) with its ensemble statistics.</summary>
public sealed record CellResult(
    int Width,
    int Depth,
    [property: JsonPropertyName("p_t")] double TrainRate,
    [property: JsonPropertyName("p_e")] double EvalRate,
    [property: JsonPropertyName("N")] int Size,
    CellStatistics Statistics);

/// <summary>
/// Everything a sweep has produced so far: the spec that made it, every cell's statistics, each p_t
/// line's exponents, crossing and FSS fits, and the phase diagrams. The export format of
/// `mentia results --format json` and the input of `mentia report`; schema in docs/results.md.
/// </summary>
public sealed record SweepResults
{
    /// <summary>
    /// 3: provenance, and the chi2 maps in files beside results.json (map/globalMap null, mapFile/globalMapFile name
    /// them). 2: the one vocabulary (p_t, p_e, N, replicas; docs/results.md), maps embedded (read as they are).
    /// 1: trainRate, evalRate, size, runs (read, upgraded).
    /// </summary>
    public const int CurrentSchema = 3;

    [JsonPropertyName("schemaVersion")]
    public int Schema { get; init; } = CurrentSchema;
    public required string SweepId { get; init; }
    public required string Name { get; init; }
    public required string SpecText { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    /// <summary>
    /// running, done, cancelled or failed; or incomplete: the sweep's books say done but some cells hold fewer
    /// runs than planned (a result record found unusable is being recomputed): query again.
    /// </summary>
    public required string State { get; init; }
    public required int ReplicasDone { get; init; }
    public required int ReplicasTotal { get; init; }
    /// <summary>Runs each cell is planned to hold (the spec's replicas): a cell with fewer is incomplete.</summary>
    public int ReplicasPerCell { get; init; }
    /// <summary>Cells of the grid (width, depth, p_t, p_e, N) in all, and those holding every planned run.</summary>
    public int CellsTotal { get; init; }
    public int CellsComplete { get; init; }
    /// <summary>How the validation loss that drove early stopping was measured (off: no dropout; train: at p_t).</summary>
    public required string ValidationDropout { get; init; }
    /// <summary>Which weights each trained model kept.</summary>
    public string KeptWeights { get; init; } = "best-validation-epoch";
    public required IReadOnlyList<CellResult> Cells { get; init; }
    public required IReadOnlyList<LineResult> Lines { get; init; }
    public required IReadOnlyList<PhaseDiagramResult> PhaseDiagrams { get; init; }
    /// <summary>What produced these results (version, commit, spec hash, devices, times, silos); null in files written before schema 3.</summary>
    public Provenance? Provenance { get; init; }
}
