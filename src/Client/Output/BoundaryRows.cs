using System.Globalization;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Specs;
using Spectre.Console;

namespace Mentia.Client.Output;

/// <summary>The current boundary estimates per p_t line: the crossing of the loss curves and both FSS fits.</summary>
public sealed record BoundaryRow(
    int Width, int Depth, double TrainRate,
    double? Crossing, double? CrossingErr,
    double? BktPc, double? BktPcErr, double? Kappa, double? KappaErr, double? BktChi2,
    double? AlgPc, double? AlgPcErr, double? Nu, double? NuErr, double? AlgChi2,
    string Phases);

public static class BoundaryRows
{
    public static IReadOnlyList<BoundaryRow> From(SweepResults results, double? onlyTrainRate = null) =>
        results.Lines
            .Where(l => onlyTrainRate is not { } pt || Math.Abs(l.TrainRate - pt) < 1e-9)
            .Select(l =>
            {
                var bkt = l.Scaling.FirstOrDefault(f => f.Ansatz == FssAnsatz.Bkt && f.Fitted);
                var alg = l.Scaling.FirstOrDefault(f => f.Ansatz == FssAnsatz.Algebraic && f.Fitted);
                var phases = string.Join(" ", l.Alphas.Select(a => a.Classification.Phase.ToString()[0]));
                return new BoundaryRow(l.Architecture.Width, l.Architecture.Depth, l.TrainRate,
                    l.Crossing.Found ? l.Crossing.EvalRate : null, l.Crossing.EvalRateErr,
                    bkt?.Pc, bkt?.PcErr, bkt?.Exponent, bkt?.ExponentErr, bkt?.Chi2,
                    alg?.Pc, alg?.PcErr, alg?.Exponent, alg?.ExponentErr, alg?.Chi2,
                    phases);
            })
            .ToList();

    public static Table Table(IReadOnlyList<BoundaryRow> rows)
    {
        var table = new Table().AddColumns("net", "p_t", "crossing p_e", "BKT p_c", "kappa", "chi2", "alg. p_c", "nu", "chi2", "phases by p_e (E/D/A/U)");
        foreach (var r in rows)
        {
            table.AddRow($"w{r.Width}d{r.Depth}", F(r.TrainRate), Pm(r.Crossing, r.CrossingErr), Pm(r.BktPc, r.BktPcErr), Pm(r.Kappa, r.KappaErr), F(r.BktChi2),
                Pm(r.AlgPc, r.AlgPcErr), Pm(r.Nu, r.NuErr), F(r.AlgChi2), r.Phases);
        }
        return table;
    }

    private static string F(double? x) => x is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "-";

    private static string Pm(double? x, double? err) => x is null ? "-" : err is { } e ? $"{F(x)} ± {F(e)}" : F(x);
}
