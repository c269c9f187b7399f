namespace Mentia.Analysis.Scaling;

/// <summary>
/// The extent of the chi2 contour around the minimum, from a map zoomed on it. The map is
/// centred on the minimum (so the minimum is a node and always inside its own contour), widened
/// where the contour region touches its edge and narrowed where the region spans too few nodes
/// to be resolved; the region is the 4-connected set of nodes at or below the level that holds
/// the minimum (so a separate, distant valley does not widen the error bar), and its extent is
/// interpolated linearly between the last node inside and the first node outside.
/// Works in (p_c, ln exponent): the exponent is positive and its map log-spaced.
/// </summary>
internal static class Chi2Contour
{
    public sealed record Outcome(
        double PcLow, double PcHigh, double LogExpLow, double LogExpHigh, bool Open,
        double[] PcAxis, double[] LogExpAxis, double[,] Values);

    private const int MaxIterations = 14;
    /// <summary>Fewer nodes than this across the region along an axis count as unresolved.</summary>
    private const int MinimumSpan = 7;

    public static Outcome Trace(
        Func<double, double, double> chi2, double pcOpt, double ltOpt,
        (double Low, double High) pcRange, (double Low, double High) ltRange,
        double level, int nodes, double pcStep, double ltStep)
    {
        int half = Math.Max(2, nodes / 2);
        var pcW = new Widths(Math.Min(2 * pcStep, pcOpt - pcRange.Low), Math.Min(2 * pcStep, pcRange.High - pcOpt));
        var ltW = new Widths(Math.Min(2 * ltStep, ltOpt - ltRange.Low), Math.Min(2 * ltStep, ltRange.High - ltOpt));
        Outcome? outcome = null;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            var pcAxis = CentredAxis(pcOpt, pcW, half, out int ci);
            var ltAxis = CentredAxis(ltOpt, ltW, half, out int cj);
            var values = new double[pcAxis.Length, ltAxis.Length];
            for (int i = 0; i < pcAxis.Length; i++)
            {
                for (int j = 0; j < ltAxis.Length; j++)
                {
                    values[i, j] = chi2(pcAxis[i], ltAxis[j]);
                }
            }
            var region = Region(values, ci, cj, level, out var bounds);
            var (pcLo, pcHi) = Extent(values, region, pcAxis, ltAxis.Length, level, alongPc: true);
            var (ltLo, ltHi) = Extent(values, region, ltAxis, pcAxis.Length, level, alongPc: false);
            bool touches = bounds.MinI == 0 || bounds.MaxI == pcAxis.Length - 1 || bounds.MinJ == 0 || bounds.MaxJ == ltAxis.Length - 1;
            outcome = new Outcome(pcLo, pcHi, ltLo, ltHi, touches, pcAxis, ltAxis, values);

            bool changed = false;
            changed |= Widen(ref pcW, bounds.MinI == 0, bounds.MaxI == pcAxis.Length - 1, pcOpt, pcRange);
            changed |= Widen(ref ltW, bounds.MinJ == 0, bounds.MaxJ == ltAxis.Length - 1, ltOpt, ltRange);
            if (!changed)
            {
                changed |= Narrow(ref pcW, bounds.MaxI - bounds.MinI + 1, pcOpt - pcLo, pcHi - pcOpt, pcOpt, pcRange);
                changed |= Narrow(ref ltW, bounds.MaxJ - bounds.MinJ + 1, ltOpt - ltLo, ltHi - ltOpt, ltOpt, ltRange);
            }
            if (!changed)
            {
                break;
            }
        }
        return outcome!;
    }

    private record struct Widths(double Low, double High);

    private record struct Bounds(int MinI, int MaxI, int MinJ, int MaxJ);

    private static bool Widen(ref Widths w, bool lowEdge, bool highEdge, double opt, (double Low, double High) range)
    {
        bool changed = false;
        var room = (Low: opt - range.Low, High: range.High - opt);
        var scale = range.High - range.Low;
        if (lowEdge && w.Low < room.Low)
        {
            w.Low = Math.Min(room.Low, Math.Max(w.Low * 3, 1e-6 * scale));
            changed = true;
        }
        if (highEdge && w.High < room.High)
        {
            w.High = Math.Min(room.High, Math.Max(w.High * 3, 1e-6 * scale));
            changed = true;
        }
        return changed;
    }

    private static bool Narrow(ref Widths w, int span, double below, double above, double opt, (double Low, double High) range)
    {
        if (span >= MinimumSpan)
        {
            return false;
        }
        var target = 2.0 * Math.Max(below, above);
        var floor = 1e-9 * (range.High - range.Low);
        if (target < floor || target >= 0.5 * Math.Max(w.Low, w.High))
        {
            // Either the contour has collapsed onto the minimum (chi2_min = 0) or narrowing would
            // not gain a factor of two: stop rather than chase it.
            return false;
        }
        w = new Widths(Math.Min(target, opt - range.Low), Math.Min(target, range.High - opt));
        return true;
    }

    private static double[] CentredAxis(double centre, Widths w, int half, out int centreIndex)
    {
        var axis = new List<double>(2 * half + 1);
        if (w.Low > 0)
        {
            for (int k = half; k >= 1; k--)
            {
                axis.Add(centre - w.Low * k / half);
            }
        }
        centreIndex = axis.Count;
        axis.Add(centre);
        if (w.High > 0)
        {
            for (int k = 1; k <= half; k++)
            {
                axis.Add(centre + w.High * k / half);
            }
        }
        return axis.ToArray();
    }

    private static bool[,] Region(double[,] values, int ci, int cj, double level, out Bounds bounds)
    {
        int ni = values.GetLength(0), nj = values.GetLength(1);
        var inside = new bool[ni, nj];
        var stack = new Stack<(int, int)>();
        stack.Push((ci, cj));
        inside[ci, cj] = true;
        bounds = new Bounds(ci, ci, cj, cj);
        while (stack.Count > 0)
        {
            var (i, j) = stack.Pop();
            bounds = new Bounds(Math.Min(bounds.MinI, i), Math.Max(bounds.MaxI, i), Math.Min(bounds.MinJ, j), Math.Max(bounds.MaxJ, j));
            Visit(i - 1, j);
            Visit(i + 1, j);
            Visit(i, j - 1);
            Visit(i, j + 1);
        }
        return inside;

        void Visit(int i, int j)
        {
            if (i >= 0 && i < ni && j >= 0 && j < nj && !inside[i, j] && values[i, j] <= level)
            {
                inside[i, j] = true;
                stack.Push((i, j));
            }
        }
    }

    private static (double Low, double High) Extent(double[,] values, bool[,] inside, double[] axis, int otherCount, double level, bool alongPc)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (int k = 0; k < axis.Length; k++)
        {
            for (int o = 0; o < otherCount; o++)
            {
                if (!In(k, o))
                {
                    continue;
                }
                low = Math.Min(low, axis[k]);
                high = Math.Max(high, axis[k]);
                if (k > 0 && !In(k - 1, o))
                {
                    low = Math.Min(low, Crossing(k, k - 1, o));
                }
                if (k < axis.Length - 1 && !In(k + 1, o))
                {
                    high = Math.Max(high, Crossing(k, k + 1, o));
                }
            }
        }
        return (low, high);

        bool In(int k, int o) => alongPc ? inside[k, o] : inside[o, k];

        double Value(int k, int o) => alongPc ? values[k, o] : values[o, k];

        double Crossing(int kIn, int kOut, int o)
        {
            var vin = Value(kIn, o);
            var vout = Value(kOut, o);
            var t = vout > vin && double.IsFinite(vout) ? (level - vin) / (vout - vin) : 0.0;
            return axis[kIn] + Math.Clamp(t, 0.0, 1.0) * (axis[kOut] - axis[kIn]);
        }
    }
}
