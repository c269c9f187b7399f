// Ours, not ScottPlot 5.1.59's log recipe (NumericAutomatic with IntegerTicksOnly, LogMinorTickGenerator and a 10^k
// label formatter), checked by rendering it: over 1e2..3e4 it labels the decades only, and over a range inside one
// decade (2.0..2.6: a flat loss near ln 10; 0.3..2.5) it labels one tick or none, where a reader needs at least two.
using ScottPlot;

namespace Mentia.Client.Report;

/// <summary>Log axes drawn as log10 data with ticks labelled in data units: 1-2-5 majors, or finer where the range is narrow.</summary>
internal static class LogAxes
{
    /// <summary>
    /// Tick positions for a log10 axis over [lo, hi] (data in log10 units), labelled in data units. Every range
    /// gets at least two labelled ticks: a range inside one decade (a flat loss at ln 10) gets evenly spaced
    /// values with enough digits to tell them apart.
    /// </summary>
    public static ScottPlot.TickGenerators.NumericManual Ticks(double lo, double hi, IEnumerable<double>? exact = null)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        if (exact is not null)
        {
            foreach (var v in exact.Distinct().Order())
            {
                ticks.AddMajor(Math.Log10(v), v.ToString("0.###", FigureKit.Inv));
            }
            return ticks;
        }
        var majors = new List<double>();
        var minors = new List<double>();
        var all = new List<double>();
        for (int k = (int)Math.Floor(lo) - 1; k <= (int)Math.Ceiling(hi) + 1; k++)
        {
            for (int m = 1; m <= 9; m++)
            {
                var v = m * Math.Pow(10, k);
                var l = Math.Log10(v);
                if (l < lo - 1e-9 || l > hi + 1e-9)
                {
                    continue;
                }
                all.Add(v);
                (m is 1 or 2 or 5 ? majors : minors).Add(v);
            }
        }
        if (majors.Count >= 3)
        {
            majors.ForEach(v => ticks.AddMajor(Math.Log10(v), Label(v)));
            minors.ForEach(v => ticks.AddMinor(Math.Log10(v)));
            return ticks;
        }
        if (all.Count >= 3)
        {
            // Within about a decade: label every 1..9 multiple.
            all.ForEach(v => ticks.AddMajor(Math.Log10(v), Label(v)));
            return ticks;
        }
        // Narrower still: evenly spaced values, 1-2-5 steps, about five of them.
        double a = Math.Pow(10, lo), b = Math.Pow(10, hi);
        var step = NiceStep((b - a) / 5);
        var digits = Math.Clamp(-(int)Math.Floor(Math.Log10(step)), 0, 8);
        for (var v = Math.Ceiling(a / step) * step; v <= b * (1 + 1e-12); v += step)
        {
            ticks.AddMajor(Math.Log10(v), v.ToString("F" + digits.ToString(FigureKit.Inv), FigureKit.Inv));
        }
        return ticks;

        static string Label(double v) => v.ToString(v >= 1 ? "0.#" : "0.0##", FigureKit.Inv);
    }

    /// <summary>The 1, 2 or 5 times a power of ten nearest above x (x &gt; 0).</summary>
    public static double NiceStep(double x)
    {
        var p = Math.Pow(10, Math.Floor(Math.Log10(x)));
        var f = x / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    /// <summary>Makes the left axis a log axis over the given (positive, data-unit) values: limits with a margin and labelled ticks.</summary>
    public static void LeftAxis(Plot plot, IEnumerable<double> values)
    {
        var logs = values.Where(v => v > 0 && double.IsFinite(v)).Select(Math.Log10).ToArray();
        if (logs.Length == 0)
        {
            return;
        }
        double lo = logs.Min(), hi = logs.Max();
        var pad = Math.Max(0.03, (hi - lo) * 0.06);
        plot.Axes.AutoScaleX();
        plot.Axes.SetLimitsY(lo - pad, hi + pad);
        plot.Axes.Left.TickGenerator = Ticks(lo - pad, hi + pad);
    }
}
