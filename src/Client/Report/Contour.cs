// Ours, not ScottPlot 5.1.59's ContourLines (ContourLineLevels = [level], Update on a Coordinates3d grid): checked on
// test grids, its vertices are the same linear edge interpolation (equal up to one ulp), but a square with a NaN
// corner puts NaN vertices into its path instead of being skipped (the chi2 maps have such cells), and a saddle
// square (z = xy + 0.5 just above 0.5 on one square) gets one segment where the level set has two.
namespace Mentia.Client.Report;

/// <summary>
/// Marching squares on a rectilinear grid: the segments of the level set z = level, with z[i][j] at (xs[i], ys[j]).
/// Each grid square is cut where its corner values straddle the level, linearly interpolated along the edges;
/// the two saddle cases are resolved by the mean of the four corners. Squares with a non-finite corner are skipped.
/// </summary>
public static class Contour
{
    public readonly record struct Segment(double X1, double Y1, double X2, double Y2);

    public static IReadOnlyList<Segment> Segments(IReadOnlyList<double> xs, IReadOnlyList<double> ys, IReadOnlyList<IReadOnlyList<double>> z, double level)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        ArgumentNullException.ThrowIfNull(z);
        var result = new List<Segment>();
        for (int i = 0; i + 1 < xs.Count && i + 1 < z.Count; i++)
        {
            for (int j = 0; j + 1 < ys.Count && j + 1 < z[i].Count && j + 1 < z[i + 1].Count; j++)
            {
                // Corners counter-clockwise: a (i, j), b (i+1, j), c (i+1, j+1), d (i, j+1).
                double a = z[i][j], b = z[i + 1][j], c = z[i + 1][j + 1], d = z[i][j + 1];
                if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c) || !double.IsFinite(d))
                {
                    continue;
                }
                double x0 = xs[i], x1 = xs[i + 1], y0 = ys[j], y1 = ys[j + 1];
                var cuts = new List<(double X, double Y)>(4);
                // Edges in order: bottom (a-b), right (b-c), top (c-d), left (d-a).
                Cut(a, b, x0, y0, x1, y0);
                Cut(b, c, x1, y0, x1, y1);
                Cut(c, d, x1, y1, x0, y1);
                Cut(d, a, x0, y1, x0, y0);
                if (cuts.Count == 2)
                {
                    result.Add(new Segment(cuts[0].X, cuts[0].Y, cuts[1].X, cuts[1].Y));
                }
                else if (cuts.Count == 4)
                {
                    // Saddle: a and c on one side, b and d on the other. If the centre is on a's side, a and c
                    // connect through the middle, so the cuts pair around b and d: (bottom, right) and (top, left).
                    var centreAbove = (a + b + c + d) / 4 >= level;
                    var aAbove = a >= level;
                    if (centreAbove == aAbove)
                    {
                        result.Add(new Segment(cuts[0].X, cuts[0].Y, cuts[1].X, cuts[1].Y));
                        result.Add(new Segment(cuts[2].X, cuts[2].Y, cuts[3].X, cuts[3].Y));
                    }
                    else
                    {
                        result.Add(new Segment(cuts[3].X, cuts[3].Y, cuts[0].X, cuts[0].Y));
                        result.Add(new Segment(cuts[1].X, cuts[1].Y, cuts[2].X, cuts[2].Y));
                    }
                }

                void Cut(double za, double zb, double xa, double ya, double xb, double yb)
                {
                    if ((za >= level) == (zb >= level))
                    {
                        return;
                    }
                    var t = (level - za) / (zb - za);
                    cuts.Add((xa + t * (xb - xa), ya + t * (yb - ya)));
                }
            }
        }
        return result;
    }
}
