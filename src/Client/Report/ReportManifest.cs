namespace Mentia.Client.Report;

/// <summary>One figure written by the report: its PNG, SVG and PDF (relative to the report folder), pixel size and caption.</summary>
/// <param name="Key">File stem, unique in the report (e.g. "w64d2-phase-alpha").</param>
/// <param name="Family">phase, lines, powerlaw, collapse, chi2 or fss-summary.</param>
/// <param name="TrainRate">The p_t the figure is about; null for figures over all p_t.</param>
public sealed record ReportFigure(
    string Key,
    string Family,
    string Title,
    string Caption,
    string Png,
    string Svg,
    int Width,
    int Height,
    string? Architecture,
    double? TrainRate)
{
    /// <summary>The vector PDF of the figure (one page, one point per pixel).</summary>
    public string Pdf { get; init; } = Key + ".pdf";

    /// <summary>Labelled ticks on the bottom and left axes as drawn (not in the JSON manifest; tests check every figure has them).</summary>
    internal int XTickLabels { get; init; }

    internal int YTickLabels { get; init; }
}

/// <summary>What <see cref="ReportWriter.Write"/> wrote: the figures in display order and the HTML page.</summary>
public sealed record ReportManifest(string OutDir, string Index, IReadOnlyList<ReportFigure> Figures)
{
    /// <summary>What the results are too thin to show, and why (empty when nothing is missing); the page lists them too.</summary>
    public IReadOnlyList<ReportGap> Missing { get; init; } = [];

    public ReportFigure this[string key] => Figures.FirstOrDefault(f => f.Key == key)
        ?? throw new KeyNotFoundException($"no figure '{key}' in the report; figures: {string.Join(", ", Figures.Select(f => f.Key))}");
}

/// <summary>Choices of the report. Sizes are in pixels of the PNG (the SVG has the same nominal size).</summary>
public sealed record ReportOptions
{
    public int Width { get; init; } = 900;
    public int Height { get; init; } = 650;
    /// <summary>The phase-diagram maps are drawn larger.</summary>
    public int MapWidth { get; init; } = 1000;
    public int MapHeight { get; init; } = 760;
    /// <summary>p_e values of the log-log &lt;L&gt;(N) figures; null: up to <see cref="MaxPowerLawCurves"/> spread over the p_e range.</summary>
    public IReadOnlyList<double>? PowerLawEvalRates { get; init; }
    public int MaxPowerLawCurves { get; init; } = 5;
    /// <summary>The time written into the page; null: now.</summary>
    public DateTimeOffset? GeneratedAt { get; init; }
    /// <summary>Every run's training curve (curves.parquet beside results.json, or the cluster's raw data); null or empty: no training-curve figures.</summary>
    public IReadOnlyList<Mentia.Core.Records.Raw.EpochRow>? Curves { get; init; }
}
