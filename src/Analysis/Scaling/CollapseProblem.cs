using Mentia.Core.Specs;

namespace Mentia.Analysis.Scaling;

/// <summary>
/// The collapse chi2 of a fixed set of points as a function of (p_c, exponent), with everything
/// that does not depend on them computed once. Not thread-safe (scratch buffers).
/// <para>
/// Exact ties: where p_c equals a sampled p, every size at that p has x = 0 and the order of those
/// points along x is arbitrary; ordering them by y (as <see cref="CollapseChi2"/> must for
/// order-independence) lets each be predicted by its neighbours in y and lowers chi2, so minima would
/// snap onto sampled p values. There the value is instead the mean of the two one-sided limits,
/// chi2(p_c - d) and chi2(p_c + d) with d ~ 1e-9 of the p span: on either side the tied points are
/// ordered by their scale factor (by N), as the collapse variable orders them at any p_c nearby, so
/// the map is continuous from each side and a sampled p gains nothing.
/// </para>
/// </summary>
internal sealed class CollapseProblem
{
    private readonly double[] _p;
    private readonly double[] _y;
    private readonly double[] _dy;
    private readonly int[] _size;
    private readonly double[] _logScale;
    private readonly double[] _scale;
    private readonly double[] _x;
    private readonly CollapseChi2.Workspace _workspace;
    /// <summary>The distinct sampled p, ascending, and the one-sided offset used at a tie.</summary>
    private readonly double[] _rates;
    private readonly double _tieOffset;

    public CollapseProblem(IReadOnlyList<ScalingPoint> points, FssAnsatz ansatz, double n0, int parameters)
    {
        int n = points.Count;
        _p = new double[n];
        _y = new double[n];
        _dy = new double[n];
        _size = new int[n];
        _x = new double[n];
        var sizes = points.Select(q => q.N).Distinct().Order().ToArray();
        _logScale = sizes.Select(s => Ansatz.LogScale(ansatz, s, n0)).ToArray();
        _scale = new double[sizes.Length];
        for (int i = 0; i < n; i++)
        {
            _p[i] = points[i].P;
            _y[i] = points[i].Y;
            _dy[i] = points[i].Dy;
            _size[i] = Array.BinarySearch(sizes, points[i].N);
        }
        Parameters = parameters;
        _workspace = new CollapseChi2.Workspace(n);
        _rates = _p.Distinct().Order().ToArray();
        var span = _rates.Length > 1 ? _rates[^1] - _rates[0] : 1.0;
        _tieOffset = 1e-9 * Math.Max(span, 1e-12);
    }

    public int Points => _p.Length;

    public int Parameters { get; }

    public int Dof => Points - Parameters;

    public long Evaluations { get; private set; }

    public double Reduced(double pc, double exponent)
    {
        Evaluations++;
        if (Array.BinarySearch(_rates, pc) >= 0)
        {
            return 0.5 * (Evaluate(pc - _tieOffset, exponent) + Evaluate(pc + _tieOffset, exponent));
        }
        return Evaluate(pc, exponent);
    }

    private double Evaluate(double pc, double exponent)
    {
        for (int s = 0; s < _scale.Length; s++)
        {
            _scale[s] = Math.Exp(_logScale[s] / exponent);
        }
        for (int i = 0; i < _x.Length; i++)
        {
            _x[i] = (_p[i] - pc) * _scale[_size[i]];
        }
        return _workspace.Sum(_x, _y, _dy) / Dof;
    }

    /// <summary>The collapse variable of every point at (p_c, exponent), in input order.</summary>
    public double[] CollapseVariables(double pc, double exponent)
    {
        var x = new double[_p.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (_p[i] - pc) * Math.Exp(_logScale[_size[i]] / exponent);
        }
        return x;
    }
}
