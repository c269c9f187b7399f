using ScottPlot;
using SkiaSharp;

namespace Mentia.Client.Report;

/// <summary>
/// Writes one figure in the three formats of the report: PNG (shown on the page), and the vector files a paper
/// takes, SVG and PDF. All three are drawn from the same plot at the same nominal size (pixels; PDF points).
/// </summary>
internal static class FigureFiles
{
    /// <summary>Saves PNG, PDF and SVG into outDir under key and describes the figure.</summary>
    public static ReportFigure Save(Plot plot, string outDir, string key, string family, string title, string caption, int width, int height, string? architecture = null, double? trainRate = null)
    {
        var png = key + ".png";
        var svg = key + ".svg";
        var pdf = key + ".pdf";
        RichText.Apply(plot);
        plot.SavePng(Path.Combine(outDir, png), width, height);
        SavePdf(plot, Path.Combine(outDir, pdf), width, height, title);
        SvgDashes.SaveSvg(plot, Path.Combine(outDir, svg), width, height);
        return new ReportFigure(key, family, title, caption, png, svg, width, height, architecture, trainRate)
        {
            Pdf = pdf,
            XTickLabels = Labelled(plot.Axes.Bottom),
            YTickLabels = Labelled(plot.Axes.Left),
        };
    }

    /// <summary>Labelled major ticks inside the axis' range as last rendered: an axis without them cannot be read.</summary>
    private static int Labelled(IAxis axis)
    {
        double lo = Math.Min(axis.Min, axis.Max), hi = Math.Max(axis.Min, axis.Max), eps = 1e-9 * Math.Max(1, hi - lo);
        return axis.TickGenerator.Ticks.Count(t => t.IsMajor && !string.IsNullOrWhiteSpace(t.Label) && t.Position >= lo - eps && t.Position <= hi + eps);
    }

    /// <summary>
    /// A one-page vector PDF through Skia's PDF backend (the renderer ScottPlot draws with, so the PDF shows
    /// exactly what the PNG shows, dash patterns included, with the fonts embedded). One pixel is one point.
    /// </summary>
    public static void SavePdf(Plot plot, string path, int width, int height, string title)
    {
        using var stream = new SKFileWStream(path);
        // From Default: a new SKDocumentPdfMetadata has EncodingQuality 0, which stores bitmaps (the colour bar)
        // as JPEG at quality 0 (chroma bands); Default's 101 keeps them lossless.
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = title;
        metadata.Creator = "mentia report";
        metadata.Producer = "ScottPlot " + typeof(Plot).Assembly.GetName().Version + " / SkiaSharp PDF";
        metadata.RasterDpi = 300;
        using var document = SKDocument.CreatePdf(stream, metadata);
        var canvas = document.BeginPage(width, height);
        plot.Render(canvas, width, height);
        document.EndPage();
        document.Close();
    }
}
