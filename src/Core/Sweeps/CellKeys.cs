using System.Globalization;

namespace Mentia.Core.Sweeps;

/// <summary>Stable text keys for cells and lines (grain keys, blob paths, logs).</summary>
public static class CellKeys
{
    public static string Rate(double p) => p.ToString("0.000###", CultureInfo.InvariantCulture);

    /// <summary>w64d2/pt0.300</summary>
    public static string Line(Architecture architecture, double trainRate) => $"{architecture}/pt{Rate(trainRate)}";

    /// <summary>w64d2/pt0.300/pe0.500/N1000</summary>
    public static string Cell(Cell cell) => $"{Line(cell.Architecture, cell.TrainRate)}/pe{Rate(cell.EvalRate)}/N{cell.Size}";
}
