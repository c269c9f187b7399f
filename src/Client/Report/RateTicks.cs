namespace Mentia.Client.Report;

/// <summary>Ticks of a rate axis (p_t, p_e): positions are the rates themselves, so the axis is numeric, not categorical.</summary>
internal static class RateTicks
{
    /// <summary>
    /// A tick labelled at each sampled rate when they are few and far enough apart to be read (so each column of a
    /// map is named), otherwise ScottPlot's automatic round-valued ticks. Either way a rate sits at its own value.
    /// </summary>
    public static ScottPlot.ITickGenerator At(IReadOnlyList<double> rates)
    {
        var sorted = rates.Distinct().Order().ToArray();
        var span = sorted.Length > 1 ? sorted[^1] - sorted[0] : 0;
        var crowded = sorted.Length > 1 && sorted.Zip(sorted.Skip(1), (a, b) => b - a).Min() < 0.04 * span;
        if (sorted.Length > 12 || crowded)
        {
            return new ScottPlot.TickGenerators.NumericAutomatic();
        }
        var t = new ScottPlot.TickGenerators.NumericManual();
        foreach (var p in sorted)
        {
            t.AddMajor(p, FigureKit.Rate(p));
        }
        return t;
    }
}
