// The running moments of the bootstrap draws are Bootstrap.cs's RunningMoments, not MathNet's RunningStatistics: the
// two differ in the last bits (Bootstrap.cs says how this was checked), and the cells' errors must stay bit for bit.
namespace Mentia.Analysis.Statistics;

/// <summary>
/// The evaluation results of one cell, taken one training run at a time in any order. Runs are
/// keyed so that a retried or duplicated result never counts twice. Snapshots are deterministic
/// in the set of runs (not their arrival order): runs are visited in ordinal key order, and the
/// bootstrap draws from the given seed. Not thread-safe: a grain owns one.
/// </summary>
public sealed class CellAccumulator
{
    private readonly Dictionary<string, RunPasses> _runs = new(StringComparer.Ordinal);
    private RunSums[]? _ordered;
    private (int Resamples, ulong Seed, CellStatistics Statistics)? _lastSnapshot;

    public CellAccumulator()
    {
    }

    /// <summary>Restores an accumulator from its persisted <see cref="Runs"/>.</summary>
    public CellAccumulator(IEnumerable<KeyValuePair<string, RunPasses>> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        foreach (var (key, passes) in runs)
        {
            Record(key, passes);
        }
    }

    /// <summary>The state, as plain data: run key to its passes. Persist this; restore with the constructor.</summary>
    public IReadOnlyDictionary<string, RunPasses> Runs => _runs;

    public int RunCount => _runs.Count;

    public int PassCount { get; private set; }

    public bool Contains(string runKey) => _runs.ContainsKey(runKey);

    /// <summary>Adds one trained model's passes; false (and nothing changes) when the key was already counted.</summary>
    public bool Record(string runKey, IReadOnlyList<double> losses, IReadOnlyList<double> accuracies)
    {
        ArgumentException.ThrowIfNullOrEmpty(runKey);
        if (_runs.ContainsKey(runKey))
        {
            return false;
        }
        return Record(runKey, new RunPasses(losses, accuracies));
    }

    /// <inheritdoc cref="Record(string, IReadOnlyList{double}, IReadOnlyList{double})"/>
    public bool Record(string runKey, RunPasses passes)
    {
        ArgumentException.ThrowIfNullOrEmpty(runKey);
        ArgumentNullException.ThrowIfNull(passes);
        if (!_runs.TryAdd(runKey, passes))
        {
            return false;
        }
        PassCount += passes.Count;
        _ordered = null;
        _lastSnapshot = null;
        return true;
    }

    /// <summary>
    /// Means over all passes, bootstrap errors over runs (B resamples from the seed), the Binder
    /// cumulant of accuracy with its bootstrap error. Costs O(passes + B * runs); the last
    /// snapshot is cached until the next new run.
    /// </summary>
    public CellStatistics Snapshot(int bootstrapResamples, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bootstrapResamples);
        if (_runs.Count == 0)
        {
            throw new InvalidOperationException("no runs recorded yet: a snapshot needs at least one");
        }
        if (_lastSnapshot is { } last && last.Resamples == bootstrapResamples && last.Seed == seed)
        {
            return last.Statistics;
        }
        var stats = Compute(bootstrapResamples, seed);
        _lastSnapshot = (bootstrapResamples, seed, stats);
        return stats;
    }

    private CellStatistics Compute(int resamples, ulong seed)
    {
        var runs = _ordered ??= Summarise();
        double count = 0, lossSum = 0, accSum = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        foreach (var r in runs)
        {
            count += r.Count;
            lossSum += r.LossSum;
            accSum += r.AccuracySum;
            s1 += r.S1;
            s2 += r.S2;
            s3 += r.S3;
            s4 += r.S4;
        }
        var binder = Binder.FromShiftedSums(count, s1, s2, s3, s4);

        double? lossErr = null, accErr = null, binderErr = null;
        int binderExcluded = 0;
        int n = runs.Length;
        if (n >= 2 && resamples >= 2)
        {
            var rng = new DeterministicRandom(seed);
            var lossMoments = new RunningMoments();
            var accMoments = new RunningMoments();
            var binderMoments = new RunningMoments();
            for (int b = 0; b < resamples; b++)
            {
                double c = 0, l = 0, a = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
                for (int k = 0; k < n; k++)
                {
                    ref readonly var r = ref runs[rng.NextInt(n)];
                    c += r.Count;
                    l += r.LossSum;
                    a += r.AccuracySum;
                    t1 += r.S1;
                    t2 += r.S2;
                    t3 += r.S3;
                    t4 += r.S4;
                }
                lossMoments.Add(l / c);
                accMoments.Add(a / c);
                if (Binder.FromShiftedSums(c, t1, t2, t3, t4) is { } bb)
                {
                    binderMoments.Add(bb);
                }
                else
                {
                    binderExcluded++;
                }
            }
            lossErr = lossMoments.StandardDeviation;
            accErr = accMoments.StandardDeviation;
            // A resample that happens to hold only constant runs has no cumulant; it is left out and
            // counted, and the error comes from the resamples that do, which is the best the data allow.
            binderErr = binder is null ? null : binderMoments.StandardDeviation;
            if (binder is null)
            {
                binderExcluded = 0;
            }
        }
        return new CellStatistics(lossSum / count, lossErr, accSum / count, accErr, binder, binderErr, n, PassCount, resamples, binderExcluded);
    }

    private RunSums[] Summarise()
    {
        // Key order everywhere, including this sum: floating-point addition is not associative,
        // and the snapshot must be bit-identical whatever order the runs arrived in.
        var keys = _runs.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        double total = 0, count = 0;
        foreach (var key in keys)
        {
            var r = _runs[key];
            foreach (var a in r.Accuracies)
            {
                total += a;
            }
            count += r.Count;
        }
        var shift = total / count;
        var result = new RunSums[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            var r = _runs[keys[i]];
            double l = 0, a = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
            for (int j = 0; j < r.Count; j++)
            {
                l += r.Losses[j];
                a += r.Accuracies[j];
                var d = r.Accuracies[j] - shift;
                var d2 = d * d;
                t1 += d;
                t2 += d2;
                t3 += d2 * d;
                t4 += d2 * d2;
            }
            result[i] = new RunSums(r.Count, l, a, t1, t2, t3, t4);
        }
        return result;
    }

    /// <summary>Per-run sums; S_k are power sums of accuracy about the pooled mean.</summary>
    private readonly record struct RunSums(int Count, double LossSum, double AccuracySum, double S1, double S2, double S3, double S4);
}
