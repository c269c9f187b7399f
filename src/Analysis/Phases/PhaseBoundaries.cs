namespace Mentia.Analysis.Phases;

/// <summary>
/// The lines where the classification changes. Each grid point owns the rectangle halfway to its
/// neighbours (clipped at the outermost rates); wherever two neighbouring points differ in phase
/// the shared side of their rectangles is a boundary segment, and segments that meet end to end
/// are chained into polylines, one set per pair of phases. The lines follow the grid (a
/// staircase) rather than an interpolated contour: phases are categorical, and a staircase is
/// exactly what the classified cells support. Cells without a result draw no boundary.
/// </summary>
public static class PhaseBoundaries
{
    public static IReadOnlyList<BoundaryPolyline> Extract(PhaseGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        int ni = grid.TrainRates.Count, nj = grid.EvalRates.Count;
        if (ni == 0 || nj == 0)
        {
            return [];
        }
        var edgeT = Edges(grid.TrainRates);
        var edgeE = Edges(grid.EvalRates);
        // Vertices are integer corners (a, b) of the dual grid: (edgeT[a], edgeE[b]).
        var segments = new Dictionary<(Phase, Phase), List<((int, int) U, (int, int) V)>>();
        for (int i = 0; i < ni; i++)
        {
            for (int j = 0; j < nj; j++)
            {
                if (grid.Phases[i][j] is not { } here)
                {
                    continue;
                }
                if (i + 1 < ni && grid.Phases[i + 1][j] is { } up && up != here)
                {
                    Add(here, up, (i + 1, j), (i + 1, j + 1));
                }
                if (j + 1 < nj && grid.Phases[i][j + 1] is { } right && right != here)
                {
                    Add(here, right, (i, j + 1), (i + 1, j + 1));
                }
            }
        }

        var result = new List<BoundaryPolyline>();
        foreach (var ((first, second), list) in segments.OrderBy(s => s.Key))
        {
            foreach (var chain in Chain(list))
            {
                result.Add(new BoundaryPolyline(first, second, Simplify(chain).Select(v => new PlanePoint(edgeT[v.Item1], edgeE[v.Item2])).ToArray()));
            }
        }
        return result;

        void Add(Phase a, Phase b, (int, int) u, (int, int) v)
        {
            var key = a < b ? (a, b) : (b, a);
            if (!segments.TryGetValue(key, out var list))
            {
                segments[key] = list = [];
            }
            list.Add((u, v));
        }
    }

    /// <summary>Rectangle sides along one axis: midpoints between rates, the outermost rates at the ends.</summary>
    private static double[] Edges(IReadOnlyList<double> rates)
    {
        var e = new double[rates.Count + 1];
        e[0] = rates[0];
        e[^1] = rates[^1];
        for (int k = 1; k < rates.Count; k++)
        {
            e[k] = (rates[k - 1] + rates[k]) / 2;
        }
        return e;
    }

    /// <summary>Walks segments into maximal chains: open chains start at vertices not of degree 2 (ends, junctions); what is left are loops.</summary>
    private static List<List<(int, int)>> Chain(List<((int, int) U, (int, int) V)> segments)
    {
        var at = new Dictionary<(int, int), List<int>>();
        for (int s = 0; s < segments.Count; s++)
        {
            foreach (var v in new[] { segments[s].U, segments[s].V })
            {
                if (!at.TryGetValue(v, out var l))
                {
                    at[v] = l = [];
                }
                l.Add(s);
            }
        }
        var used = new bool[segments.Count];
        var chains = new List<List<(int, int)>>();
        var starts = at.Keys.Where(v => at[v].Count != 2).OrderBy(v => v).Concat(at.Keys.OrderBy(v => v));
        foreach (var start in starts)
        {
            while (at[start].FirstOrDefault(s => !used[s], -1) is var s0 && s0 >= 0)
            {
                var chain = new List<(int, int)> { start };
                var current = start;
                var s = s0;
                while (s >= 0)
                {
                    used[s] = true;
                    current = segments[s].U == current ? segments[s].V : segments[s].U;
                    chain.Add(current);
                    s = at[current].Count == 2 ? at[current].FirstOrDefault(t => !used[t], -1) : -1;
                }
                chains.Add(chain);
            }
        }
        return chains;
    }

    /// <summary>Drops the middle of three collinear vertices: a straight run of the staircase is one segment.</summary>
    private static List<(int, int)> Simplify(List<(int, int)> chain)
    {
        var result = new List<(int, int)>();
        foreach (var v in chain)
        {
            while (result.Count >= 2 && Collinear(result[^2], result[^1], v))
            {
                result.RemoveAt(result.Count - 1);
            }
            result.Add(v);
        }
        return result;

        static bool Collinear((int, int) a, (int, int) b, (int, int) c) =>
            (a.Item1 == b.Item1 && b.Item1 == c.Item1) || (a.Item2 == b.Item2 && b.Item2 == c.Item2);
    }
}
