using Mentia.Analysis.Io;
using Mentia.Analysis.Scaling;
using Xunit;

namespace Mentia.Analysis.Tests;

public class PointsCsvTests
{
    private static IReadOnlyList<ScalingPoint> Fss(string text) => PointsCsv.ReadScalingPoints(new StringReader(text), "line.csv");

    private static AnalysisInputException FssError(string text) => Assert.Throws<AnalysisInputException>(() => Fss(text));

    [Fact]
    public void Columns_in_any_order_with_extras_and_comments()
    {
        var points = Fss("# made by hand\nnote, dy ,N,y,P\nx,0.01,100,1.5,0.2\n\n\"y\",0.02,200,1.25,\"0.3\"\n");
        Assert.Equal([new ScalingPoint(0.2, 100, 1.5, 0.01), new ScalingPoint(0.3, 200, 1.25, 0.02)], points);
    }

    [Fact]
    public void A_quoted_field_may_hold_commas_and_quotes()
    {
        // RFC 4180, as a spreadsheet writes it: the extra column is ignored, its commas do not shift the rest.
        var points = PointsCsv.ReadSizePoints(new StringReader("run,N,y,dy\n\"r1, s1\",250,1.0037,0.0101\n\"r2, \"\"b\"\"\",500,0.9,0.01\n"), "f.csv");
        Assert.Equal([new Mentia.Analysis.Exponents.SizePoint(250, 1.0037, 0.0101), new Mentia.Analysis.Exponents.SizePoint(500, 0.9, 0.01)], points);
    }

    [Fact]
    public void An_unterminated_quote_is_an_input_error_with_its_line()
    {
        var e = Assert.Throws<AnalysisInputException>(() => PointsCsv.ReadSizePoints(new StringReader("N,y,dy\n250,1.0,0.01\n\"500,0.9,0.01\n"), "f.csv"));
        Assert.Contains("f.csv", e.Message);
        Assert.DoesNotContain("   at ", e.Message);
    }

    [Fact]
    public void Missing_column_is_named()
    {
        var e = FssError("p,N,y\n0.1,100,1\n");
        Assert.Equal("dy", e.Column);
        Assert.Equal(1, e.Line);
        Assert.StartsWith("line.csv, line 1, column 'dy':", e.Message);
    }

    [Theory]
    [InlineData("p,N,y,dy\n0.1,100,1,0.1\n0.2,abc,1,0.1\n", 3, "N", "not a number")]
    [InlineData("p,N,y,dy\n0.1,100,1,0.1\n0.2,200,NaN,0.1\n", 3, "y", "not a finite number")]
    [InlineData("p,N,y,dy\n0.1,100,1,0.1\n0.2,200,1,0\n", 3, "dy", "must be positive")]
    [InlineData("p,N,y,dy\n0.1,100,1,-0.1\n0.2,200,1,0.1\n", 2, "dy", "must be positive")]
    [InlineData("p,N,y,dy\n0.1,100,1,0.1\n0.2,200\n", 3, "y", "missing value")]
    [InlineData("p,N,y,dy\n0.1,100,1,0.1\n0.2,-5,1,0.1\n", 3, "N", "must be positive")]
    [InlineData("p,N,y,dy\n\n# c\n0.1,100,Infinity,0.1\n", 4, "y", "not a finite number")]
    public void Bad_cells_name_line_and_column(string text, int line, string column, string problem)
    {
        var e = FssError(text);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Message);
        Assert.Contains($"line {line}, column '{column}'", e.Message);
        Assert.Equal("line.csv", e.Source);
    }

    [Fact]
    public void Fewer_than_two_sizes_and_empty_files_are_refused()
    {
        Assert.Contains("fewer than two sizes", FssError("p,N,y,dy\n0.1,100,1,0.1\n0.2,100,1,0.1\n").Message);
        Assert.Contains("empty file", FssError("\n\n").Message);
        Assert.Contains("2 times", FssError("p,N,y,dy,N\n").Message);
    }

    [Fact]
    public void Alpha_file_reads_and_refuses_non_positive_y()
    {
        var points = PointsCsv.ReadSizePoints(new StringReader("y,N,dy\n2,100,0.1\n1.8,200,0.1\n"), "a.csv");
        Assert.Equal(2, points.Count);
        Assert.Equal(200, points[1].N);
        var e = Assert.Throws<AnalysisInputException>(() => PointsCsv.ReadSizePoints(new StringReader("N,y,dy\n100,0,0.1\n200,1,0.1\n"), "a.csv"));
        Assert.Equal(("y", 2), (e.Column!, e.Line!.Value));
        Assert.Throws<AnalysisInputException>(() => PointsCsv.ReadSizePoints(new StringReader("N,y,dy\n100,1,0.1\n"), "a.csv"));
    }

    [Fact]
    public void A_missing_file_is_an_input_error()
    {
        var e = Assert.Throws<AnalysisInputException>(() => PointsCsv.ReadScalingPoints("/no/such/file.csv"));
        Assert.Contains("/no/such/file.csv", e.Message);
    }
}
