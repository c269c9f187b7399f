// RobustSpread's R7 quantile stays hand-written: MathNet's SortedArrayStatistics.QuantileCustom(R7) differs from it in
// the last bit at q = 0.8413447 / 0.1586553 (15 and 42 of 9003 random sorted samples, n = 0..3000, compared bit for
// bit against MathNet.Numerics 5.0.0), since MathNet interpolates on (n-1)q + 1 rather than (n-1)q; at dyadic q
// (the report's quartiles, TrainingCurveBands) the two agree exactly and MathNet is used.
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Statistics;

namespace Mentia.Analysis.Phases;

/// <summary>
/// The crossing of the &lt;L&gt;(p_e) curves of different N at fixed p_t. For two consecutive sizes
/// the difference D(p_e) = &lt;L&gt;_larger - &lt;L&gt;_smaller is negative in eumentia (more data, lower
/// loss) and positive in dementia; the crossing is where D turns from negative to non-negative,
/// linearly interpolated between the two p_e values that bracket it. Noise can make D change
/// sign more than once; the change kept is the one that best splits the p_e values into
/// "D &lt; 0 below, D &gt;= 0 above". The uncertainty is a parametric bootstrap: every &lt;L&gt; is
/// redrawn from a Gaussian of its standard error and the crossings recomputed.
/// </summary>
public static class Crossing
{
    public const int DefaultReplicates = 1000;

    /// <summary>Points at one p_t: P = p_e, N, Y = &lt;L&gt;, Dy = its standard error. Curves are compared at their common p_e values.</summary>
    public static CrossingResult Estimate(IReadOnlyList<ScalingPoint> points, ulong seed, int replicates = DefaultReplicates)
    {
        ArgumentNullException.ThrowIfNull(points);
        var curves = points.GroupBy(q => q.N).OrderBy(g => g.Key)
            .Select(g => g.GroupBy(q => q.P).Select(pg => pg.First()).OrderBy(q => q.P).ToArray())
            .ToArray();
        if (curves.Length < 2)
        {
            return new CrossingResult { Found = false, Reason = $"a crossing needs curves of at least 2 sizes; have {curves.Length}", Pairs = [], Replicates = 0 };
        }

        // Per consecutive pair: the common p_e values and the indices of both points there.
        var pairs = new List<(double Small, double Large, double[] P, ScalingPoint[] A, ScalingPoint[] B)>();
        for (int k = 0; k + 1 < curves.Length; k++)
        {
            var large = curves[k + 1].ToDictionary(q => q.P);
            var common = curves[k].Where(q => large.ContainsKey(q.P)).ToArray();
            pairs.Add((curves[k][0].N, curves[k + 1][0].N, common.Select(q => q.P).ToArray(), common, common.Select(q => large[q.P]).ToArray()));
        }

        var central = pairs.Select(pr => Find(pr.P, Differences(pr.A, pr.B, null))).ToArray();
        var foundPairs = Enumerable.Range(0, pairs.Count).Where(k => central[k] is not null).ToArray();

        var rng = new DeterministicRandom(seed);
        var perPair = pairs.Select(_ => new List<double>(replicates)).ToArray();
        var foundCount = new int[pairs.Count];
        var combined = new List<double>(replicates);
        // One draw per point, shared by the two pairs it belongs to, so the correlation between
        // neighbouring pairs is kept in the error of their mean.
        var draws = points.Distinct().ToDictionary(q => q, _ => 0.0);
        var keys = draws.Keys.OrderBy(q => q.N).ThenBy(q => q.P).ToArray();
        var replicate = new double?[pairs.Count];
        for (int r = 0; r < replicates; r++)
        {
            foreach (var q in keys)
            {
                draws[q] = q.Y + q.Dy * rng.NextGaussian();
            }
            for (int k = 0; k < pairs.Count; k++)
            {
                replicate[k] = Find(pairs[k].P, Differences(pairs[k].A, pairs[k].B, draws));
                if (replicate[k] is { } c)
                {
                    perPair[k].Add(c);
                    foundCount[k]++;
                }
            }
            if (foundPairs.Length > 0 && foundPairs.All(k => replicate[k] is not null))
            {
                combined.Add(foundPairs.Average(k => replicate[k]!.Value));
            }
        }

        var pairResults = pairs.Select((pr, k) => new PairCrossing(
            pr.Small, pr.Large, central[k], central[k] is null ? null : RobustSpread(perPair[k]),
            replicates > 0 ? (double)foundCount[k] / replicates : 0)).ToArray();
        if (foundPairs.Length == 0)
        {
            return new CrossingResult
            {
                Found = false,
                Reason = "the curves of consecutive sizes do not cross (from below to above) within the p_e range",
                Pairs = pairResults,
                Replicates = replicates,
            };
        }
        var values = foundPairs.Select(k => central[k]!.Value).ToArray();
        return new CrossingResult
        {
            Found = true,
            Reason = foundPairs.Length < pairs.Count ? $"{pairs.Count - foundPairs.Length} of {pairs.Count} size pairs do not cross; the estimate uses the others" : null,
            EvalRate = values.Average(),
            EvalRateErr = RobustSpread(combined),
            Spread = values.Max() - values.Min(),
            Pairs = pairResults,
            Replicates = replicates,
        };
    }

    /// <summary>
    /// Half the central 68% range of the replicates: a standard error for a Gaussian, but not
    /// blown up by the few replicates whose crossing jumps to another p_e interval.
    /// </summary>
    private static double? RobustSpread(List<double> values)
    {
        if (values.Count < 2)
        {
            return null;
        }
        var sorted = values.Order().ToArray();
        return (Quantile(sorted, 0.8413447) - Quantile(sorted, 0.1586553)) / 2;
    }

    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] Differences(ScalingPoint[] smaller, ScalingPoint[] larger, Dictionary<ScalingPoint, double>? draws)
    {
        var d = new double[smaller.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = draws is null ? larger[i].Y - smaller[i].Y : draws[larger[i]] - draws[smaller[i]];
        }
        return d;
    }

    /// <summary>The upward zero of d(p) that best splits the points, interpolated; null when d never turns upward.</summary>
    internal static double? Find(double[] p, double[] d)
    {
        int n = d.Length;
        if (n < 2)
        {
            return null;
        }
        // agreeBelow[j]: points 0..j with d < 0; agreeAbove[j]: points j..n-1 with d >= 0.
        var below = new int[n];
        var above = new int[n + 1];
        for (int j = 0; j < n; j++)
        {
            below[j] = (j > 0 ? below[j - 1] : 0) + (d[j] < 0 ? 1 : 0);
        }
        for (int j = n - 1; j >= 0; j--)
        {
            above[j] = above[j + 1] + (d[j] >= 0 ? 1 : 0);
        }
        int best = -1, bestScore = -1;
        for (int j = 0; j + 1 < n; j++)
        {
            if (d[j] < 0 && d[j + 1] >= 0)
            {
                var score = below[j] + above[j + 1];
                if (score > bestScore)
                {
                    (best, bestScore) = (j, score);
                }
            }
        }
        if (best < 0)
        {
            return null;
        }
        var t = -d[best] / (d[best + 1] - d[best]);
        return p[best] + t * (p[best + 1] - p[best]);
    }
}
