// Over 250 lines on purpose: one algorithm (coarse grid, refinement, chi2 contour, edge and quality checks)
// whose steps share the collapse problem and the grid; each step is a private method named after it.
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Mentia.Core.Specs;

namespace Mentia.Analysis.Scaling;

/// <summary>
/// Fits p_c and the exponent (kappa or nu) by minimising the collapse chi2 (<see cref="CollapseChi2"/>):
/// a coarse grid over the whole search range, then Nelder-Mead (MathNet) from the best few local
/// minima of the grid, then error bars from the contour of a map zoomed on the minimum.
/// The search runs in (p_c, ln exponent) so the exponent stays positive and its scale is even.
/// </summary>
public static class FssFitter
{
    private const int Parameters = 2;
    private const int SimplexStarts = 3;

    public static FssResult Fit(IReadOnlyList<ScalingPoint> points, FssOptions options)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(options);
        Validate(points, options);

        var ansatz = options.Ansatz;
        var used = points
            .Where(q => (options.WindowLow is not { } lo || q.P >= lo) && (options.WindowHigh is not { } hi || q.P <= hi)
                        && (options.MinSize is not { } min || q.N >= min))
            .ToList();
        int sizes = used.Select(q => q.N).Distinct().Count();
        int rates = used.Select(q => q.P).Distinct().Count();
        var shell = new FssResult
        {
            Ansatz = ansatz,
            ExponentName = Ansatz.ExponentName(ansatz),
            Fitted = false,
            N0 = ansatz == FssAnsatz.Bkt ? options.N0 : null,
            WindowLow = options.WindowLow,
            WindowHigh = options.WindowHigh,
            Points = used.Count,
            Sizes = sizes,
            Parameters = Parameters,
            ContourLevel = options.Contour.ToString(),
            MinSize = used.Count > 0 ? used.Min(q => q.N) : null,
            WindowSource = options.WindowLow is null && options.WindowHigh is null ? "all" : "given",
            PoorChi2Threshold = CollapseQuality.PoorThreshold(options.RunsPerPoint),
        };
        if (Repeated(used) is { } repeated)
        {
            return shell with { Reason = repeated };
        }
        if (sizes < 2 || rates < 3 || used.Count < Parameters + 2)
        {
            return shell with
            {
                Reason = string.Create(CultureInfo.InvariantCulture,
                    $"a collapse needs at least 2 sizes, 3 distinct p and {Parameters + 2} points in the window; have {sizes} sizes, {rates} p, {used.Count} points"),
            };
        }
        if (ansatz == FssAnsatz.Bkt && used.FirstOrDefault(q => q.N <= options.N0) is { } small)
        {
            return shell with
            {
                Reason = string.Create(CultureInfo.InvariantCulture, $"the BKT ansatz needs N > N0 = {options.N0} (ln(N/N0) > 0); a point has N = {small.N}"),
            };
        }

        var pcRange = (Low: options.PcLow ?? used.Min(q => q.P), High: options.PcHigh ?? used.Max(q => q.P));
        var defaults = Ansatz.DefaultExponentRange(ansatz);
        var expRange = (Low: options.ExponentLow ?? defaults.Low, High: options.ExponentHigh ?? defaults.High);
        if (!(pcRange.Low < pcRange.High) || !(expRange.Low > 0 && expRange.Low < expRange.High))
        {
            return shell with { Reason = $"empty search range: p_c in [{pcRange.Low}, {pcRange.High}], exponent in [{expRange.Low}, {expRange.High}]" };
        }
        var ltRange = (Low: Math.Log(expRange.Low), High: Math.Log(expRange.High));
        var problem = new CollapseProblem(used, ansatz, options.N0, Parameters);
        double Chi2(double pc, double lt) => problem.Reduced(pc, Math.Exp(lt));

        // Global grid.
        int gp = Math.Max(3, options.GridPc), ge = Math.Max(3, options.GridExponent);
        var pcAxis = Linspace(pcRange.Low, pcRange.High, gp);
        var ltAxis = Linspace(ltRange.Low, ltRange.High, ge);
        var grid = new double[gp, ge];
        for (int i = 0; i < gp; i++)
        {
            for (int j = 0; j < ge; j++)
            {
                grid[i, j] = Chi2(pcAxis[i], ltAxis[j]);
            }
        }
        double pcStep = pcAxis[1] - pcAxis[0], ltStep = ltAxis[1] - ltAxis[0];
        if (IsFlat(grid))
        {
            // chi2 the same everywhere (constant y, or no size dependence at all): every (p_c, exponent)
            // collapses the data equally well, so none is an estimate; never report one with zero error bars.
            return shell with
            {
                Reason = "the collapse chi2 does not depend on (p_c, exponent) over the search range: the data show no size dependence to scale",
                GlobalMap = ToMap(Ansatz.ExponentName(ansatz), pcAxis, ltAxis, grid),
            };
        }

        // Local refinement from the lowest grid valleys; the best of all evaluations wins, so a
        // simplex that stalls or hits its iteration cap can only help, never hurt.
        var best = (Pc: double.NaN, Lt: double.NaN, Value: double.PositiveInfinity);
        foreach (var (i, j) in LocalMinima(grid).Take(SimplexStarts))
        {
            if (grid[i, j] < best.Value)
            {
                best = (pcAxis[i], ltAxis[j], grid[i, j]);
            }
            var refined = Refine(Chi2, pcAxis[i], ltAxis[j], pcStep, ltStep, pcRange, ltRange);
            if (refined.Value < best.Value)
            {
                best = refined;
            }
        }

        bool pcAtEdge = OnEdge(best.Pc, pcRange);
        bool expAtEdge = OnEdge(best.Lt, ltRange);
        var pcOnRate = used.Select(q => q.P).Distinct().Any(p => Math.Abs(p - best.Pc) <= 1e-6 * (pcRange.High - pcRange.Low));
        // The minimum and where it sits; the full fit adds the contour's error bars and the maps.
        var minimum = shell with
        {
            Fitted = true,
            Pc = best.Pc,
            Exponent = Math.Exp(best.Lt),
            Chi2 = best.Value,
            PcAtRangeEdge = pcAtEdge,
            ExponentAtRangeEdge = expAtEdge,
            PcAtSampledRate = pcOnRate,
            PcRangeLow = pcRange.Low,
            PcRangeHigh = pcRange.High,
            ExponentRangeLow = expRange.Low,
            ExponentRangeHigh = expRange.High,
        };
        if (!options.TraceContour)
        {
            return minimum with { Flags = CollapseQuality.Flags(minimum, options.RunsPerPoint) };
        }

        // The contour level is set on the unreduced chi2, so "+1" is the textbook delta chi2 = 1;
        // for a factor the scale does not matter.
        int dof = problem.Dof;
        var level = options.Contour.Level(best.Value * dof) / dof;
        var contour = Chi2Contour.Trace(Chi2, best.Pc, best.Lt, pcRange, ltRange, level, Math.Max(5, options.MapNodes), pcStep, ltStep);
        var expLow = Math.Exp(contour.LogExpLow);
        var expHigh = Math.Exp(contour.LogExpHigh);
        var name = Ansatz.ExponentName(ansatz);
        var result = minimum with
        {
            PcErr = (contour.PcHigh - contour.PcLow) / 2,
            PcLow = contour.PcLow,
            PcHigh = contour.PcHigh,
            ExponentErr = (expHigh - expLow) / 2,
            ExponentLow = expLow,
            ExponentHigh = expHigh,
            Chi2Level = level,
            ContourOpen = contour.Open,
            Map = ToMap(name, contour.PcAxis, contour.LogExpAxis, contour.Values),
            GlobalMap = ToMap(name, pcAxis, ltAxis, grid),
        };
        return result with { Flags = CollapseQuality.Flags(result, options.RunsPerPoint) };
    }

    /// <summary>
    /// A reason when two points share (p, N): each would be predicted by its twin at the same x and
    /// the collapse would look better than the data are. Null when all points are distinct.
    /// </summary>
    private static string? Repeated(IReadOnlyList<ScalingPoint> points)
    {
        var twins = points.GroupBy(q => (q.P, q.N)).Where(g => g.Count() > 1).Take(4)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"(p = {g.Key.P}, N = {g.Key.N}) x{g.Count()}")).ToArray();
        return twins.Length == 0
            ? null
            : $"repeated (p, N) points, e.g. {string.Join(", ", twins)}: merge them into one point (mean and its error) or remove the extra ones";
    }

    /// <summary>Within 1e-6 of the range's width from either end of it.</summary>
    private static bool OnEdge(double value, (double Low, double High) range)
    {
        var tolerance = 1e-6 * (range.High - range.Low);
        return value - range.Low <= tolerance || range.High - value <= tolerance;
    }

    /// <summary>True when the chi2 map varies by less than 1e-9 of its size (or of 1): nothing to minimise.</summary>
    private static bool IsFlat(double[,] grid)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in grid)
        {
            if (double.IsFinite(v))
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }
        // Reduced chi2 is of order 1 for data with noise: a map below 1e-9 everywhere is rounding.
        return !(hi > lo) || hi - lo <= 1e-9 * Math.Max(Math.Abs(hi), 1.0);
    }

    /// <summary>The collapse variable x of every point at a fitted (p_c, exponent), for the "after" plot.</summary>
    public static double[] CollapseVariables(IReadOnlyList<ScalingPoint> points, FssAnsatz ansatz, double pc, double exponent, double n0 = 1.0)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.Select(q => Ansatz.X(ansatz, q.P, q.N, pc, exponent, n0)).ToArray();
    }

    private static void Validate(IReadOnlyList<ScalingPoint> points, FssOptions options)
    {
        for (int i = 0; i < points.Count; i++)
        {
            var q = points[i];
            if (!(double.IsFinite(q.P) && double.IsFinite(q.N) && q.N > 0 && double.IsFinite(q.Y) && double.IsFinite(q.Dy) && q.Dy > 0))
            {
                throw new ArgumentException($"point {i} (p={q.P}, N={q.N}, y={q.Y}, dy={q.Dy}) needs finite values, N > 0 and dy > 0", nameof(points));
            }
        }
        if (!(double.IsFinite(options.N0) && options.N0 > 0))
        {
            throw new ArgumentException($"N0 must be positive and finite, got {options.N0}", nameof(options));
        }
    }

    private static (double Pc, double Lt, double Value) Refine(
        Func<double, double, double> chi2, double pc0, double lt0, double pcStep, double ltStep,
        (double Low, double High) pcRange, (double Low, double High) ltRange)
    {
        var best = (Pc: pc0, Lt: lt0, Value: double.PositiveInfinity);
        double Objective(Vector<double> v)
        {
            // Outside the box: the value at the nearest point inside plus a penalty that grows
            // with the distance, so the simplex is pushed back without a discontinuous wall.
            var pc = Math.Clamp(v[0], pcRange.Low, pcRange.High);
            var lt = Math.Clamp(v[1], ltRange.Low, ltRange.High);
            var value = chi2(pc, lt);
            if (value < best.Value)
            {
                best = (pc, lt, value);
            }
            var outside = Math.Abs(v[0] - pc) / pcStep + Math.Abs(v[1] - lt) / ltStep;
            return outside > 0 ? value + 1e3 * (1 + outside) * (1 + Math.Abs(value)) : value;
        }
        try
        {
            var solver = new NelderMeadSimplex(1e-10, 2000);
            solver.FindMinimum(
                ObjectiveFunction.Value(Objective),
                Vector<double>.Build.DenseOfArray([pc0, lt0]),
                Vector<double>.Build.DenseOfArray([pcStep / 2, ltStep / 2]));
        }
        catch (MaximumIterationsException)
        {
            // Keep the best point seen: the iteration cap only means the relative tolerance was
            // not met, typically because chi2_min is ~0 on noiseless data.
        }
        return best;
    }

    /// <summary>Grid nodes not above any of their 8 neighbours, lowest first.</summary>
    private static IEnumerable<(int I, int J)> LocalMinima(double[,] grid)
    {
        int ni = grid.GetLength(0), nj = grid.GetLength(1);
        var minima = new List<(int, int, double)>();
        for (int i = 0; i < ni; i++)
        {
            for (int j = 0; j < nj; j++)
            {
                var v = grid[i, j];
                bool isMin = true;
                for (int di = -1; di <= 1 && isMin; di++)
                {
                    for (int dj = -1; dj <= 1; dj++)
                    {
                        int a = i + di, b = j + dj;
                        if ((di != 0 || dj != 0) && a >= 0 && a < ni && b >= 0 && b < nj && grid[a, b] < v)
                        {
                            isMin = false;
                            break;
                        }
                    }
                }
                if (isMin)
                {
                    minima.Add((i, j, v));
                }
            }
        }
        return minima.OrderBy(m => m.Item3).Select(m => (m.Item1, m.Item2));
    }

    private static double[] Linspace(double low, double high, int count)
    {
        var axis = new double[count];
        for (int k = 0; k < count; k++)
        {
            axis[k] = low + (high - low) * k / (count - 1);
        }
        axis[^1] = high;
        return axis;
    }

    private static Chi2Map ToMap(string name, double[] pcAxis, double[] logExpAxis, double[,] values)
    {
        var rows = new IReadOnlyList<double>[pcAxis.Length];
        for (int i = 0; i < pcAxis.Length; i++)
        {
            var row = new double[logExpAxis.Length];
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = values[i, j];
            }
            rows[i] = row;
        }
        return new Chi2Map(name, pcAxis, logExpAxis.Select(Math.Exp).ToArray(), rows);
    }
}
