// Over 250 lines: the report's plotting vocabulary (axes, labels, number formats, asymmetric error bars,
// colours, saving) that every figure class uses; splitting it by concern is noted in issue #15's closing note.
using System.Globalization;
using ScottPlot;

namespace Mentia.Client.Report;

/// <summary>Shared look of every figure: fonts large enough to read at the written size, symbols, colours per N, saving.</summary>
internal static class FigureKit
{
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // Axis labels: symbols with their meaning and unit.
    public const string TrainRateLabel = "training dropout rate pₜ";
    public const string EvalRateLabel = "evaluation dropout rate pₑ";
    public const string LossLabel = "mean test loss ⟨L⟩ (nats)";
    public const string AccuracyLabel = "mean test accuracy ⟨A⟩";
    public const string BinderLabel = "Binder cumulant B = m₄/m₂² of A";
    public const string SizeLabel = "training-set size N (images)";

    /// <summary>The text font of every figure (null: ScottPlot's default).</summary>
    internal static readonly Lazy<string?> FontName = new(() =>
    {
        foreach (var name in new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial" })
        {
            if (Fonts.GetTypeface(name, false, false) is { } tf && tf.FamilyName == name)
            {
                return name;
            }
        }
        return null; // ScottPlot's own default
    });

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (FontName.Value is { } font)
        {
            plot.Font.Set(font);
        }
        plot.Title(title, 20);
        plot.XLabel(xLabel, 18);
        plot.YLabel(yLabel, 18);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 15;
        plot.Axes.Left.TickLabelStyle.FontSize = 15;
        plot.Legend.FontSize = 14;
        // Long enough for a legend swatch to show a dash pattern (10 on, 10 off) as dashed.
        plot.Legend.SymbolWidth = 36;
        return plot;
    }

    /// <summary>Distinct, ordered colours for the sizes N: small N light, large N dark.</summary>
    public static Color SizeColor(int index, int count)
    {
        var frac = count <= 1 ? 0.0 : (double)index / (count - 1);
        return new ScottPlot.Colormaps.Viridis().GetColor(0.85 - 0.85 * frac);
    }

    public static MarkerShape SizeMarker(int index) => (index % 5) switch
    {
        0 => MarkerShape.FilledCircle,
        1 => MarkerShape.FilledSquare,
        2 => MarkerShape.FilledTriangleUp,
        3 => MarkerShape.FilledDiamond,
        _ => MarkerShape.FilledTriangleDown,
    };

    /// <summary>Colours for curves that are not sizes (ansatzes, p_e values).</summary>
    public static Color SeriesColor(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    public static string Rate(double p) => p.ToString("0.###", Inv);

    /// <summary>A number with its error to the error's leading digits: 0.639 ± 0.069.</summary>
    public static string WithError(double? value, double? err)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return "–";
        }
        if (err is not { } e || !double.IsFinite(e) || e <= 0)
        {
            return v.ToString("0.####", Inv);
        }
        var digits = Math.Clamp(1 - (int)Math.Floor(Math.Log10(e)), 0, 8);
        var fmt = "F" + digits.ToString(Inv);
        return $"{v.ToString(fmt, Inv)} ± {e.ToString(fmt, Inv)}";
    }

    /// <summary>A value with the asymmetric extent of its contour: 0.634 +0.101/−0.066 (digits from the smaller side).</summary>
    public static string WithBounds(double? value, double? low, double? high)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return "–";
        }
        if (low is not { } lo || high is not { } hi || !double.IsFinite(lo) || !double.IsFinite(hi))
        {
            return v.ToString("0.####", Inv);
        }
        double up = Math.Max(0, hi - v), down = Math.Max(0, v - lo);
        var smallest = new[] { up, down }.Where(x => x > 0).DefaultIfEmpty(0).Min();
        var digits = smallest > 0 ? Math.Clamp(1 - (int)Math.Floor(Math.Log10(smallest)), 0, 8) : 4;
        var fmt = "F" + digits.ToString(Inv);
        return $"{v.ToString(fmt, Inv)} +{up.ToString(fmt, Inv)}/−{down.ToString(fmt, Inv)}";
    }

    /// <summary>The open (hollow) counterpart of a filled marker: flagged estimates are drawn hollow.</summary>
    public static MarkerShape Hollow(MarkerShape filled) => filled switch
    {
        MarkerShape.FilledCircle => MarkerShape.OpenCircle,
        MarkerShape.FilledSquare => MarkerShape.OpenSquare,
        MarkerShape.FilledTriangleUp => MarkerShape.OpenTriangleUp,
        MarkerShape.FilledTriangleDown => MarkerShape.OpenTriangleDown,
        MarkerShape.FilledDiamond => MarkerShape.OpenDiamond,
        _ => filled,
    };

    /// <summary>
    /// Vertical error bars reaching down[i] below and up[i] above ys[i] (both &gt;= 0), in the look of every
    /// figure. Set by name because ScottPlot's constructor takes (x+, x−, y+, y−), an order easy to swap.
    /// </summary>
    public static ScottPlot.Plottables.ErrorBar AsymmetricBars(Plot plot, double[] xs, double[] ys, double[] down, double[] up, Color color)
    {
        var bars = new ScottPlot.Plottables.ErrorBar(xs, ys, null, null, null, null)
        {
            YErrorPositive = up,
            YErrorNegative = down,
            Color = color,
            LineWidth = 1.5f,
            CapSize = 5,
        };
        plot.Add.Plottable(bars);
        return bars;
    }

    /// <summary>
    /// Estimates with asymmetric error bars (down, up ≥ 0; NaN: no bar), joined by a line; points whose
    /// hollow[i] is set (flagged estimates) get the open marker, the others the filled one.
    /// </summary>
    public static void Estimates(Plot plot, double[] xs, double[] ys, double[] down, double[] up, bool[] hollow, Color color, MarkerShape marker, string legend, LinePattern? pattern = null, string? hollowMeaning = "flagged")
    {
        var withBars = Enumerable.Range(0, xs.Length).Where(i => double.IsFinite(down[i]) && double.IsFinite(up[i])).ToArray();
        if (withBars.Length > 0)
        {
            AsymmetricBars(plot, withBars.Select(i => xs[i]).ToArray(), withBars.Select(i => ys[i]).ToArray(),
                withBars.Select(i => down[i]).ToArray(), withBars.Select(i => up[i]).ToArray(), color);
        }
        var line = plot.Add.Scatter(xs, ys, color);
        line.MarkerSize = 0;
        line.LineWidth = 1.5f;
        line.LinePattern = pattern ?? LinePattern.Solid;
        var filled = Enumerable.Range(0, xs.Length).Where(i => !hollow[i]).ToArray();
        var open = Enumerable.Range(0, xs.Length).Where(i => hollow[i]).ToArray();
        if (filled.Length > 0)
        {
            var m = plot.Add.Markers(filled.Select(i => xs[i]).ToArray(), filled.Select(i => ys[i]).ToArray(), marker, 11, color);
            m.LegendText = legend;
        }
        if (open.Length > 0)
        {
            var m = plot.Add.Markers(open.Select(i => xs[i]).ToArray(), open.Select(i => ys[i]).ToArray(), Hollow(marker), 13, color);
            m.MarkerLineWidth = 2;
            // hollowMeaning null: the caption explains hollow markers, and the legend keeps one entry per series.
            m.LegendText = hollowMeaning is null ? (filled.Length > 0 ? "" : legend) : filled.Length > 0 ? $"{legend}: {hollowMeaning}" : $"{legend} (all {hollowMeaning})";
        }
    }

    public static string Number(double? value, string format = "0.###") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, Inv) : "–";

    /// <summary>Error bars and markers with lines for one curve; points with no error get none.</summary>
    /// <remarks>With logY the values are drawn as log10 (pair with <see cref="LogAxes.LeftAxis"/>) and the error bars as log10(y ± dy).</remarks>
    public static void Curve(Plot plot, double[] xs, double[] ys, double[]? errs, Color color, MarkerShape marker, string legend, LinePattern? pattern = null, bool logY = false)
    {
        if (logY)
        {
            var keep = Enumerable.Range(0, ys.Length).Where(i => ys[i] > 0).ToArray();
            xs = keep.Select(i => xs[i]).ToArray();
            var raw = keep.Select(i => ys[i]).ToArray();
            var e = errs is null ? null : keep.Select(i => errs[i]).ToArray();
            ys = raw.Select(Math.Log10).ToArray();
            if (e is not null)
            {
                var up = raw.Select((y, i) => Math.Log10(y + e[i]) - Math.Log10(y)).ToArray();
                var down = raw.Select((y, i) => y - e[i] > 0 ? Math.Log10(y) - Math.Log10(y - e[i]) : up[i]).ToArray();
                AsymmetricBars(plot, xs, ys, down, up, color);
            }
        }
        else if (errs is not null)
        {
            var bars = plot.Add.ErrorBar(xs, ys, errs);
            bars.Color = color;
            bars.LineWidth = 1.5f;
            bars.CapSize = 5;
        }
        var s = plot.Add.Scatter(xs, ys, color);
        s.MarkerShape = marker;
        s.MarkerSize = 9;
        s.LineWidth = 2;
        s.LinePattern = pattern ?? LinePattern.Solid;
        s.LegendText = legend;
    }

    /// <summary>Colour-bar source for colours drawn by hand (rectangles): a range and a colormap.</summary>
    public sealed class ColorScale(IColormap colormap, double min, double max) : IHasColorAxis
    {
        public IColormap Colormap { get; set; } = colormap;
        public double Min { get; } = min;
        public double Max { get; } = max;
        public ScottPlot.Range GetRange() => new(Min, Max);

        public Color ColorOf(double value)
        {
            var frac = Max > Min ? (value - Min) / (Max - Min) : 0.5;
            return Colormap.GetColor(Math.Clamp(frac, 0, 1));
        }
    }

    /// <summary>
    /// Rectangle sides of a (possibly uneven) axis: midpoints between values, and beyond the first
    /// and last value half the neighbouring spacing, so every value owns a cell centred on it.
    /// </summary>
    public static double[] CellEdges(IReadOnlyList<double> values)
    {
        var n = values.Count;
        var e = new double[n + 1];
        if (n == 1)
        {
            e[0] = values[0] - 0.05;
            e[1] = values[0] + 0.05;
            return e;
        }
        for (int k = 1; k < n; k++)
        {
            e[k] = (values[k - 1] + values[k]) / 2;
        }
        e[0] = values[0] - (values[1] - values[0]) / 2;
        e[n] = values[n - 1] + (values[n - 1] - values[n - 2]) / 2;
        return e;
    }

    /// <summary>Fills the cell of each (x[i], y[j]) with its colour; null values stay empty (hatched grey).</summary>
    public static void CellMap(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> ys, Func<int, int, double?> value, ColorScale scale)
    {
        var ex = CellEdges(xs);
        var ey = CellEdges(ys);
        for (int i = 0; i < xs.Count; i++)
        {
            for (int j = 0; j < ys.Count; j++)
            {
                var r = plot.Add.Rectangle(ex[i], ex[i + 1], ey[j], ey[j + 1]);
                r.LineWidth = 0;
                r.LineColor = Colors.Transparent;
                if (value(i, j) is { } v && double.IsFinite(v))
                {
                    r.FillColor = scale.ColorOf(v);
                }
                else
                {
                    r.FillColor = Colors.LightGray;
                    r.FillHatch = new ScottPlot.Hatches.Striped();
                    r.FillHatchColor = Colors.Gray;
                }
            }
        }
        plot.Axes.SetLimits(ex[0], ex[^1], ey[0], ey[^1]);
        plot.Axes.Margins(0, 0);
        plot.HideGrid();
    }

    /// <summary>A label with a light box, readable on any colour.</summary>
    public static ScottPlot.Plottables.Text Label(Plot plot, string text, double x, double y, float size = 16, bool bold = false)
    {
        var t = plot.Add.Text(text, x, y);
        t.LabelFontSize = size;
        t.LabelBold = bold;
        t.LabelFontColor = Colors.Black;
        t.LabelBackgroundColor = Colors.White.WithAlpha(0.75);
        t.LabelBorderColor = Colors.Black.WithAlpha(0.4);
        t.LabelBorderWidth = 1;
        t.LabelPadding = 4;
        t.LabelAlignment = Alignment.MiddleCenter;
        return t;
    }
}
