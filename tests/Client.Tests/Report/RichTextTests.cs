using System.Xml.Linq;
using Mentia.Client.Report;
using Xunit;

namespace Mentia.Client.Tests.Report;

/// <summary>Exponents and indices in figure text are drawn raised or lowered, never as a caret.</summary>
public class RichTextTests
{
    [Fact]
    public void Carets_and_underscores_become_superscripts_and_subscripts()
    {
        Assert.Equal(
            [new RichText.Run("x = (pₑ − p", 0), new("c", -1), new(") · (ln(N/N₀))", 0), new("1/κ", +1), new(",  N₀ = 1", 0)],
            RichText.Parse("x = (pₑ − p_c) · (ln(N/N₀))^(1/κ),  N₀ = 1"));
        Assert.Equal([new RichText.Run("⟨L⟩ ∝ N", 0), new("α", +1)], RichText.Parse("⟨L⟩ ∝ N^α"));
        Assert.Equal([new RichText.Run("χ²", 0), new("min", -1), new(" + 1", 0)], RichText.Parse("χ²_min + 1"));
        Assert.False(RichText.IsRich("3_4 _x x_ 2^ ^")); // an underscore not between letters, a bare caret: as written
        Assert.Equal([new RichText.Run("N^(1/ν", 0)], RichText.Parse("N^(1/ν")); // unbalanced: as written
    }

    [Fact]
    public void No_svg_of_the_report_draws_a_caret_and_the_collapse_draws_its_exponent_small_and_raised()
    {
        var m = SharedReports.OneArchitecture.Manifest;
        foreach (var f in m.Figures)
        {
            var texts = XDocument.Load(Path.Combine(m.OutDir, f.Svg)).Descendants().Where(e => e.Name.LocalName == "text").ToArray();
            Assert.DoesNotContain(texts, t => t.Value.Contains('^'));
        }
        var svg = XDocument.Load(Path.Combine(m.OutDir, m["w64d2-pt0.000-fss-algebraic"].Svg));
        var all = svg.Descendants().Where(e => e.Name.LocalName == "text").ToArray();
        var sup = Assert.Single(all, t => t.Value.Trim() == "1/ν");
        var line = Assert.Single(all, t => t.Value.Trim() == "x = (pₑ − p");
        Assert.True(Size(sup) < 0.8 * Size(line), "the exponent is not smaller than the line");
        Assert.True(Y(sup) < Y(line) - 3, "the exponent is not raised");
    }

    private static double Size(XElement t) => double.Parse(t.Attribute("font-size")!.Value, System.Globalization.CultureInfo.InvariantCulture);

    // Skia writes the position as transform="translate(x y)" plus per-glyph y offsets.
    private static double Y(XElement t)
    {
        var tr = t.Attribute("transform")!.Value;
        var parts = tr["translate(".Length..^1].Split(' ');
        var dy = double.Parse(t.Attribute("y")!.Value.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
        return double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + dy;
    }
}
