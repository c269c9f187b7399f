using Mentia.Client.Report;
using Xunit;

namespace Mentia.Client.Tests;

/// <summary>The marching-squares contour the chi2 maps draw.</summary>
public class ReportContourTests
{
    private static (double[] Xs, double[] Ys, double[][] Z) Bowl(int n, Func<double, double, double> f)
    {
        var xs = Enumerable.Range(0, n).Select(i => -2 + 4.0 * i / (n - 1)).ToArray();
        // Uneven y spacing, as the zoomed chi2 map may have.
        var ys = Enumerable.Range(0, n).Select(j => -2 + 4.0 * Math.Pow((double)j / (n - 1), 1.3)).ToArray();
        var z = xs.Select(x => ys.Select(y => f(x, y)).ToArray()).ToArray();
        return (xs, ys, z);
    }

    [Fact]
    public void The_contour_of_a_paraboloid_lies_on_its_circle()
    {
        var (xs, ys, z) = Bowl(61, (x, y) => x * x + y * y);
        var segments = Contour.Segments(xs, ys, z, 1.0);
        Assert.True(segments.Count > 40);
        foreach (var s in segments)
        {
            Assert.InRange(Math.Sqrt(s.X1 * s.X1 + s.Y1 * s.Y1), 0.98, 1.02);
            Assert.InRange(Math.Sqrt(s.X2 * s.X2 + s.Y2 * s.Y2), 0.98, 1.02);
        }
        // Closed: every endpoint is shared by two segments.
        var ends = segments.SelectMany(s => new[] { (Math.Round(s.X1, 9), Math.Round(s.Y1, 9)), (Math.Round(s.X2, 9), Math.Round(s.Y2, 9)) })
            .GroupBy(p => p).Select(g => g.Count()).ToArray();
        Assert.All(ends, c => Assert.Equal(2, c));
    }

    [Fact]
    public void A_level_outside_the_map_gives_no_segments_and_non_finite_squares_are_skipped()
    {
        var (xs, ys, z) = Bowl(11, (x, y) => x * x + y * y);
        Assert.Empty(Contour.Segments(xs, ys, z, 100));
        Assert.Empty(Contour.Segments(xs, ys, z, -1));
        z[5][5] = double.NaN;
        Assert.NotEmpty(Contour.Segments(xs, ys, z, 1.0));
    }
}
