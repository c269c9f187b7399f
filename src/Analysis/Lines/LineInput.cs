using Mentia.Analysis.Statistics;
using Mentia.Core.Sweeps;

namespace Mentia.Analysis.Lines;

/// <summary>The ensemble statistics of one cell of a line: p_e, N and the snapshot.</summary>
public sealed record LineCell(double EvalRate, int Size, CellStatistics Statistics);

/// <summary>Everything known so far about one (architecture, p_t): any subset of its (p_e, N) cells.</summary>
public sealed record LineInput(Architecture Architecture, double TrainRate, IReadOnlyList<LineCell> Cells);
