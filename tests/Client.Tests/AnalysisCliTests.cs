using System.Text.Json;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Client.Tests;

/// <summary>`mentia fss` and `mentia fit-alpha` on plain CSV: the documented keys, the known answers of the example files, clear errors.</summary>
public class AnalysisCliTests
{
    private static string Example(string name) => Path.Combine(RepoPaths.Root, "examples", name);

    [Fact]
    public void Fss_recovers_the_example_line_and_prints_the_documented_json_keys()
    {
        var map = Path.Combine(RepoPaths.NewTempFolder("fss"), "map.csv");
        var r = CliRunner.Run("fss", "--input", Example("fss-line.csv"), "--ansatz", "bkt", "--json", "--map", map);
        Assert.Equal(0, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        var o = doc.RootElement;
        foreach (var key in new[] { "pc", "pcErr", "kappa", "kappaErr", "chi2", "points", "contourLevel" })
        {
            Assert.True(o.TryGetProperty(key, out _), $"missing key {key}");
        }
        // examples/fss-line.csv was generated with p_c = 0.35, kappa = 0.8 (docs/analysis.md).
        Assert.InRange(Math.Abs(o.GetProperty("pc").GetDouble() - 0.35), 0, 2 * o.GetProperty("pcErr").GetDouble());
        Assert.InRange(Math.Abs(o.GetProperty("kappa").GetDouble() - 0.8), 0, 2 * o.GetProperty("kappaErr").GetDouble());
        Assert.Equal(120, o.GetProperty("points").GetInt32());
        Assert.Equal("1.3x", o.GetProperty("contourLevel").GetString());
        Assert.StartsWith("pc,kappa,chi2", File.ReadAllText(map));
    }

    [Fact]
    public void Fss_algebraic_with_the_plus_one_contour_reports_nu_and_the_level()
    {
        var r = CliRunner.Run("fss", "--input", Example("fss-line.csv"), "--ansatz", "algebraic", "--contour", "+1", "--window", "0.25,0.45", "--json");
        Assert.Equal(0, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.True(doc.RootElement.TryGetProperty("nu", out _));
        Assert.True(doc.RootElement.TryGetProperty("nuErr", out _));
        Assert.Equal("+1", doc.RootElement.GetProperty("contourLevel").GetString());
        Assert.True(doc.RootElement.GetProperty("points").GetInt32() < 120);
    }

    [Fact]
    public void Fit_alpha_gives_alpha_and_verdict()
    {
        var r = CliRunner.Run("fit-alpha", "--input", Example("alpha.csv"), "--json");
        Assert.Equal(0, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.True(doc.RootElement.GetProperty("alpha").GetDouble() < 0);
        Assert.Equal("eumentia", doc.RootElement.GetProperty("phase").GetString());
        Assert.Contains("eumentia", CliRunner.Run("fit-alpha", "--input", Example("alpha.csv")).Out);
    }

    [Theory]
    [InlineData("p,N,y\n0.1,100,1\n", "column 'dy'")]
    [InlineData("p,N,y,dy\n0.1,100,1,0.1\n0.2,abc,1,0.1\n", "line 3")]
    [InlineData("p,N,y,dy\n0.1,100,1,0\n", "dy")]
    [InlineData("p,N,y,dy\n0.1,100,NaN,0.1\n", "line 2")]
    public void Bad_files_exit_2_naming_line_or_column(string csv, string fragment)
    {
        var file = Path.Combine(RepoPaths.NewTempFolder("badcsv"), "bad.csv");
        File.WriteAllText(file, csv);
        var r = CliRunner.Run("fss", "--input", file);
        Assert.Equal(2, r.Code);
        Assert.Contains(fragment, r.Err);
        Assert.Contains("bad.csv", r.Err);
    }

    [Theory]
    [InlineData("--ansatz", "ising")]
    [InlineData("--n0", "-1")]
    [InlineData("--window", "0.9,0.1")]
    [InlineData("--contour", "0.5x")]
    public void Bad_options_exit_2_naming_the_option(string option, string value)
    {
        var r = CliRunner.Run("fss", "--input", Example("fss-line.csv"), option, value);
        Assert.Equal(2, r.Code);
        Assert.Contains(option, r.Err);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(200)]
    public void The_fss_table_fits_the_terminal_and_never_cuts_an_estimate(int width)
    {
        var r = CliRunner.RunAt(width, "fss", Example("fss-line.csv"), "--ansatz", "bkt");
        Assert.Equal(0, r.Code);
        var lines = r.Out.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
        // The p_c estimate with its asymmetric extent, whole on one line, as a table row or as "p_c: ..." alike.
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"p_c\W+0\.3\d* \+0\.\d+/-0\.\d+"));
        Assert.Equal(width >= 60, lines.Any(l => l.Contains('│')));
    }
}
