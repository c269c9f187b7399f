// RunningMoments stays hand-written rather than MathNet's RunningStatistics: its Push updates the second moment as
// d * (d/n) * (n-1) where Welford here adds d * (x - new mean); the standard deviations differ in the last bits for
// 1895 of 2000 random samples (up to 9e-13 relative; Statistics.StandardDeviation, another recurrence, in 1986), and
// the bootstrap errors in quick.yaml's cells must stay bit for bit.
namespace Mentia.Analysis.Statistics;

/// <summary>
/// Nonparametric bootstrap over whole training runs: the passes of one run share its weights, so
/// they are not independent, and resampling runs (not passes) is what gives an honest error.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// Standard error of the pooled mean sum(runSums) / sum(runCounts) under resampling of runs
    /// with replacement, B times, from the seed. Runs may have different pass counts. Null with
    /// fewer than two runs or fewer than two resamples.
    /// </summary>
    public static double? StandardErrorOfPooledMean(IReadOnlyList<double> runSums, IReadOnlyList<int> runCounts, int resamples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(runSums);
        ArgumentNullException.ThrowIfNull(runCounts);
        if (runSums.Count != runCounts.Count)
        {
            throw new ArgumentException("one count per run sum");
        }
        int n = runSums.Count;
        if (n < 2 || resamples < 2)
        {
            return null;
        }
        var rng = new DeterministicRandom(seed);
        var moments = new RunningMoments();
        for (int b = 0; b < resamples; b++)
        {
            double sum = 0, count = 0;
            for (int k = 0; k < n; k++)
            {
                var r = rng.NextInt(n);
                sum += runSums[r];
                count += runCounts[r];
            }
            moments.Add(sum / count);
        }
        return moments.StandardDeviation;
    }
}

/// <summary>Welford's running mean and variance: stable for replicate values that barely differ.</summary>
internal struct RunningMoments
{
    private double _mean;
    private double _m2;

    public int Count { get; private set; }

    public void Add(double value)
    {
        Count++;
        var delta = value - _mean;
        _mean += delta / Count;
        _m2 += delta * (value - _mean);
    }

    public readonly double Mean => _mean;

    /// <summary>Sample standard deviation (n - 1); null below two values.</summary>
    public readonly double? StandardDeviation => Count < 2 ? null : Math.Sqrt(_m2 / (Count - 1));
}
