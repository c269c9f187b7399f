using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mentia.Client.Report;
using Mentia.TestSupport;
using ScottPlot;
using SkiaSharp;
using Xunit;

namespace Mentia.Client.Tests.Report;

/// <summary>Every figure is written as PNG, SVG and PDF that decode, with labelled axes; the SVG keeps the dash patterns.</summary>
public class FigureFilesTests
{
    public static TheoryData<string> Reports => new() { "one", "five" };

    private static ReportManifest Manifest(string which) =>
        which == "one" ? SharedReports.OneArchitecture.Manifest : SharedReports.FiveArchitectures.Manifest;

    [Theory]
    [MemberData(nameof(Reports))]
    public void Every_figure_decodes_as_png_svg_and_pdf(string which)
    {
        var m = Manifest(which);
        Assert.NotEmpty(m.Figures);
        foreach (var f in m.Figures)
        {
            using (var bmp = SKBitmap.Decode(Path.Combine(m.OutDir, f.Png)))
            {
                Assert.True(bmp is not null, $"{f.Png} does not decode");
                Assert.Equal((f.Width, f.Height), (bmp.Width, bmp.Height));
            }
            var svg = XDocument.Load(Path.Combine(m.OutDir, f.Svg)); // throws unless well-formed XML
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.Equal(f.Key + ".pdf", f.Pdf);
            var pdf = File.ReadAllBytes(Path.Combine(m.OutDir, f.Pdf));
            Assert.True(Encoding.ASCII.GetString(pdf, 0, 5) == "%PDF-", $"{f.Pdf} is not a PDF");
            Assert.True(Pages(pdf) == 1, $"{f.Pdf} has {Pages(pdf)} pages, not one");
            Assert.Contains("%%EOF", Encoding.ASCII.GetString(pdf, pdf.Length - 64, 64));
        }
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Every_figure_has_labelled_ticks_on_both_axes(string which)
    {
        foreach (var f in Manifest(which).Figures)
        {
            Assert.True(f.XTickLabels >= 2, $"{f.Key}: {f.XTickLabels} labelled ticks on the x axis");
            Assert.True(f.YTickLabels >= 2, $"{f.Key}: {f.YTickLabels} labelled ticks on the y axis");
        }
    }

    [Fact]
    public void The_phase_map_svg_draws_its_boundary_kinds_with_their_dash_patterns()
    {
        var m = SharedReports.OneArchitecture.Manifest;
        var svg = File.ReadAllText(Path.Combine(m.OutDir, m["w64d2-phase-alpha"].Svg));
        // Dashed (amentia boundaries: 10 on, 10 off) and dotted (undecided: 3 on, 5 off), in the boundaries' black.
        Assert.Contains("stroke=\"#000000\" stroke-dasharray=\"10 10\"", svg);
        Assert.DoesNotContain("#0d17", svg, StringComparison.OrdinalIgnoreCase); // no sentinel colour left over
        var loss = File.ReadAllText(Path.Combine(m.OutDir, m["w64d2-pt0.000-loss"].Svg));
        Assert.Contains("stroke-dasharray=\"3 5\"", loss); // the dotted chance level
    }

    [Fact]
    public void The_svg_gives_each_dashed_line_its_own_colour_and_pattern_and_leaves_the_plot_as_it_was()
    {
        var plot = new Plot();
        var dashed = plot.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 0, 1 }, Colors.Red);
        dashed.LinePattern = LinePattern.Dashed;
        var dotted = plot.Add.Line(0, 1, 1, 0);
        dotted.LineColor = Colors.Blue;
        dotted.LinePattern = LinePattern.Dotted;
        var solid = plot.Add.HorizontalLine(0.5, 2, Colors.Green);
        var path = Path.Combine(RepoPaths.NewTempFolder("svg-dashes"), "x.svg");

        SvgDashes.SaveSvg(plot, path, 400, 300);

        var svg = File.ReadAllText(path);
        Assert.Matches("stroke=\"#ff0000\" stroke-dasharray=\"10 10\"", svg);
        Assert.Matches("stroke=\"#0000ff\" stroke-dasharray=\"3 5\"", svg);
        Assert.Equal(2, Regex.Matches(svg, "stroke-dasharray").Count); // the solid line stays solid
        Assert.Equal((Colors.Red, LinePattern.Dashed.Intervals), (dashed.LineColor, dashed.LinePattern.Intervals));
        Assert.Equal((Colors.Blue, LinePattern.Dotted.Intervals), (dotted.LineColor, dotted.LinePattern.Intervals));
        Assert.Empty(solid.LinePattern.Intervals ?? []);
    }

    private static int Pages(byte[] pdf) => Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?!s)").Count;
}
