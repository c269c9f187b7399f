using Mentia.Client.Report;
using Xunit;

namespace Mentia.Client.Tests.Report;

/// <summary>The page: fitted numbers before any figure, a contents list, one section per p_t holding that line's figures.</summary>
public class HtmlLayoutTests
{
    [Fact]
    public void The_fitted_numbers_come_before_the_first_figure()
    {
        var html = File.ReadAllText(SharedReports.OneArchitecture.Manifest.Index);
        var numbers = html.IndexOf("<h2 id=\"numbers\">", StringComparison.Ordinal);
        Assert.True(numbers > 0);
        Assert.True(numbers < html.IndexOf("<figure", StringComparison.Ordinal));
        Assert.True(html.IndexOf("crossing p_c", StringComparison.Ordinal) < html.IndexOf("<figure", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_p_t_has_a_section_with_its_figures_linked_from_the_contents()
    {
        var m = SharedReports.OneArchitecture.Manifest;
        var html = File.ReadAllText(m.Index);
        var nav = html[html.IndexOf("<nav>", StringComparison.Ordinal)..html.IndexOf("</nav>", StringComparison.Ordinal)];
        foreach (var pt in new[] { "0.000", "0.500", "0.900" })
        {
            var anchor = $"w64d2-pt{pt}";
            Assert.Contains($"href=\"#{anchor}\"", nav);
            var start = html.IndexOf($"<h2 id=\"{anchor}\">", StringComparison.Ordinal);
            Assert.True(start > 0, $"no section {anchor}");
            var end = html.IndexOf("<h2 ", start + 1, StringComparison.Ordinal);
            var section = html[start..end];
            foreach (var f in m.Figures.Where(f => f.Key.StartsWith(anchor + "-", StringComparison.Ordinal)))
            {
                Assert.Contains($"src=\"{f.Png}\"", section);
                Assert.Contains($"href=\"{f.Pdf}\"", section);
            }
        }
        // The figures over all p_t sit in the overview, before the sections per p_t.
        Assert.True(html.IndexOf("src=\"w64d2-fss-pc.png\"", StringComparison.Ordinal) < html.IndexOf("<h2 id=\"w64d2-pt0.000\">", StringComparison.Ordinal));
    }

    [Fact]
    public void Exponents_in_titles_and_captions_are_superscripts()
    {
        Assert.Equal("⟨L⟩ ∝ N<sup>α</sup>", HtmlReport.Rich("⟨L⟩ ∝ N^α"));
        Assert.Equal("x = (pₑ − p_c) N<sup>1/ν</sup> &amp; u = (ln N)<sup>−1/κ</sup>", HtmlReport.Rich("x = (pₑ − p_c) N^(1/ν) & u = (ln N)^(−1/κ)"));
        Assert.DoesNotContain("^", File.ReadAllText(SharedReports.OneArchitecture.Manifest.Index).Split("<pre>")[0]);
    }
}
