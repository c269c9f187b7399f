namespace Mentia.Analysis.Scaling;

/// <summary>
/// Quality of a data collapse, as science.md defines it. Points are sorted by x; each y_i is
/// compared with the straight line through two neighbours in x: its left and right neighbours
/// inside, the next two points at either end (one-sided extrapolation, as the study does, where
/// the hainingpan/FSS toolkit drops the end points). With t the interpolation weight,
///   y~_i = (1 - t) y_a + t y_b,   sigma_i^2 = dy_i^2 + (1 - t)^2 dy_a^2 + t^2 dy_b^2,
///   chi2 = sum_i (y_i - y~_i)^2 / sigma_i^2,   reduced = chi2 / (points - parameters).
/// Where the two neighbours share the same x (points exactly at p_c collapse onto x = 0 for every N)
/// the line is undefined and their mean is used (t = 1/2), so the map stays finite and continuous
/// enough for the simplex. Ties in x are ordered by y then dy, so the result depends on the points, not their order.
/// </summary>
public static class CollapseChi2
{
    /// <summary>The unreduced chi2 of points (x, y, dy), in any order. Needs at least three points.</summary>
    public static double Sum(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy)
    {
        var workspace = new Workspace(x.Length);
        return workspace.Sum(x, y, dy);
    }

    /// <summary>chi2 / (points - parameters).</summary>
    public static double Reduced(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, int parameters)
    {
        if (x.Length <= parameters)
        {
            throw new ArgumentException($"{x.Length} points leave no degrees of freedom for {parameters} parameters");
        }
        return Sum(x, y, dy) / (x.Length - parameters);
    }

    /// <summary>The chi2 of points already sorted by x.</summary>
    internal static double SumSorted(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy)
    {
        int n = x.Length;
        if (n < 3)
        {
            throw new ArgumentException($"the collapse chi2 needs at least three points, got {n}");
        }
        double chi2 = 0;
        for (int i = 0; i < n; i++)
        {
            int a, b;
            if (i == 0)
            {
                (a, b) = (1, 2);
            }
            else if (i == n - 1)
            {
                (a, b) = (n - 3, n - 2);
            }
            else
            {
                (a, b) = (i - 1, i + 1);
            }
            var span = x[b] - x[a];
            var t = span != 0 ? (x[i] - x[a]) / span : 0.5;
            var predicted = (1 - t) * y[a] + t * y[b];
            var variance = dy[i] * dy[i] + (1 - t) * (1 - t) * dy[a] * dy[a] + t * t * dy[b] * dy[b];
            var r = y[i] - predicted;
            chi2 += r * r / variance;
        }
        return chi2;
    }

    /// <summary>Scratch buffers for repeated evaluation (the fitter evaluates thousands of maps' nodes).</summary>
    internal sealed class Workspace(int capacity)
    {
        private readonly double[] _keys = new double[capacity];
        private readonly int[] _order = new int[capacity];
        private readonly double[] _x = new double[capacity];
        private readonly double[] _y = new double[capacity];
        private readonly double[] _dy = new double[capacity];

        public double Sum(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy)
        {
            int n = x.Length;
            if (y.Length != n || dy.Length != n || n > _keys.Length)
            {
                throw new ArgumentException("x, y and dy must have the same length, within the workspace capacity");
            }
            var keys = _keys.AsSpan(0, n);
            var order = _order.AsSpan(0, n);
            x.CopyTo(keys);
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }
            keys.Sort(order);
            OrderTies(keys, order, y, dy);
            for (int i = 0; i < n; i++)
            {
                var k = order[i];
                _x[i] = x[k];
                _y[i] = y[k];
                _dy[i] = dy[k];
            }
            return SumSorted(_x.AsSpan(0, n), _y.AsSpan(0, n), _dy.AsSpan(0, n));
        }

        // The sort is not stable, and points with equal x (every N at p_e = p_c) must be taken in an order
        // that depends on the points alone, never on the order they arrived in: by y, then dy.
        private static void OrderTies(Span<double> keys, Span<int> order, ReadOnlySpan<double> y, ReadOnlySpan<double> dy)
        {
            int start = 0;
            for (int i = 1; i <= keys.Length; i++)
            {
                if (i == keys.Length || keys[i] != keys[start])
                {
                    if (i - start > 1)
                    {
                        var ys = y.ToArray();
                        var dys = dy.ToArray();
                        order[start..i].Sort((a, b) => ys[a] != ys[b] ? ys[a].CompareTo(ys[b]) : dys[a] != dys[b] ? dys[a].CompareTo(dys[b]) : a.CompareTo(b));
                    }
                    start = i;
                }
            }
        }
    }
}
