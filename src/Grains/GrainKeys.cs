using Mentia.Core.Sweeps;

namespace Mentia.Grains;

/// <summary>Grain keys: one place, so a cell or line is found by every grain the same way.</summary>
public static class GrainKeys
{
    public const char Separator = '|';

    /// <summary>One dispatch of a training: a fresh grain each time, so a dispatch a silo declined is placed afresh (a reused key would go back to the silo that still holds its directory entry).</summary>
    public static string Training(string sweepId, string jobKey, int attempt, long dispatch) => $"{sweepId}{Separator}{jobKey}{Separator}a{attempt}{Separator}d{dispatch}";

    public static string Evaluation(string sweepId, string jobKey, int chunk, long dispatch) => $"{sweepId}{Separator}{jobKey}{Separator}c{chunk}{Separator}d{dispatch}";

    public static string Cell(string sweepId, Cell cell) => $"{sweepId}{Separator}{CellKeys.Cell(cell)}";

    public static string Line(string sweepId, Architecture architecture, double trainRate) => $"{sweepId}{Separator}{CellKeys.Line(architecture, trainRate)}";

    /// <summary>The sweep id at the front of any of these keys.</summary>
    public static string SweepOf(string key) => key[..key.IndexOf(Separator)];
}
