using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mentia.Analysis.Lines;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Spectre.Console;

namespace Mentia.Client.Output;

/// <summary>
/// One collapse's estimate for the boundary table and `boundary --json`: p_c and the exponent with the
/// extent of their chi2 contour (asymmetric: Low &lt;= value &lt;= High), the reduced chi2, the quality flags,
/// the window and smallest size the collapse used, and the N -&gt; infinity limit of the crossings.
/// </summary>
public sealed record BoundaryFit(
    double Pc, double? PcLow, double? PcHigh,
    string ExponentName, double Exponent, double? ExponentLow, double? ExponentHigh,
    double? Chi2, IReadOnlyList<string> Flags,
    string WindowSource, double? WindowLow, double? WindowHigh, double? MinSize,
    double? DriftPc, double? DriftPcErr);

/// <summary>
/// The current boundary per p_t line. Transition is the verdict (transition, onlyEumentia, amentia, ...);
/// where it is not a transition, Crossing, Bkt and Algebraic are null and TransitionReason says why.
/// </summary>
public sealed record BoundaryRow(
    int Width, int Depth, [property: JsonPropertyName("p_t")] double TrainRate,
    string Transition, string TransitionReason,
    double? Crossing, double? CrossingErr,
    BoundaryFit? Bkt, BoundaryFit? Algebraic,
    IReadOnlyList<BoundaryPhase> Phases);

/// <summary>The phase of one p_e of a line (from the sign and significance of alpha there).</summary>
public sealed record BoundaryPhase([property: JsonPropertyName("p_e")] double EvalRate, Phase Phase);

/// <summary>The boundary rows of a sweep's results and their table: what `mentia boundary`, `watch` and the live page print.</summary>
public static class BoundaryRows
{
    /// <summary>What the table's marks mean; print it under the table.</summary>
    public const string Legend =
        "Errors +high/-low: the extent of the chi2 contour (asymmetric). * the estimate carries flags (docs/analysis.md). - not reported: the line has no transition (reasons above). Phases by p_e, in p_e order: E eumentia, D dementia, A amentia, U undecided.";

    public static IReadOnlyList<BoundaryRow> From(SweepResults results, double? onlyTrainRate = null) =>
        results.Lines
            .Where(l => onlyTrainRate is not { } pt || Math.Abs(l.TrainRate - pt) < 1e-9)
            .Select(From)
            .ToList();

    public static BoundaryRow From(LineResult l)
    {
        var phases = l.Alphas.Select(a => new BoundaryPhase(a.EvalRate, a.Classification.Phase)).ToArray();
        var verdict = l.Transition;
        var outcome = verdict is null ? "unknown" : JsonNamingPolicy.CamelCase.ConvertName(verdict.Outcome.ToString());
        var reason = verdict?.Reason ?? "results written before transitions were detected";
        var found = l.HasTransition;
        return new BoundaryRow(l.Architecture.Width, l.Architecture.Depth, l.TrainRate, outcome, reason,
            found && l.Crossing.Found ? l.Crossing.EvalRate : null, found ? l.Crossing.EvalRateErr : null,
            found ? Fit(l, FssAnsatz.Bkt) : null, found ? Fit(l, FssAnsatz.Algebraic) : null, phases);
    }

    private static BoundaryFit? Fit(LineResult l, FssAnsatz ansatz) =>
        l.Scaling.FirstOrDefault(f => f.Ansatz == ansatz && f.Fitted) is { Pc: { } pc, Exponent: { } ex } f
            ? new BoundaryFit(pc, f.PcLow, f.PcHigh, f.ExponentName, ex, f.ExponentLow, f.ExponentHigh, f.Chi2, f.Flags,
                f.WindowSource, f.WindowLow, f.WindowHigh, f.MinSize, f.Drift?.PcInfinity, f.Drift?.PcInfinityErr)
            : null;

    /// <summary>The table's column headers, in order (the live page prints the same).</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["net", "p_t", "transition", "crossing p_e", "BKT p_c", "kappa", "chi2", "alg. p_c", "nu", "chi2", "flags", "phases by p_e"];

    /// <summary>One row's cells as the table prints them (plain text, one per <see cref="Columns"/>): the CLI and the live page share them.</summary>
    public static IReadOnlyList<string> Cells(BoundaryRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var flags = string.Join("; ", new[] { (Name: "BKT", Fit: r.Bkt), (Name: "alg.", Fit: r.Algebraic) }
            .Where(t => t.Fit is { Flags.Count: > 0 })
            .Select(t => $"{t.Name}: {string.Join(", ", t.Fit!.Flags)}"));
        var transition = r.Transition == "transition" ? "yes" : $"no ({Words(r.Transition)})";
        return [new Architecture(r.Width, r.Depth).ToString(), F(r.TrainRate), transition, Pm(r.Crossing, r.CrossingErr),
            Est(r.Bkt, b => (b.Pc, b.PcLow, b.PcHigh)), Est(r.Bkt, b => (b.Exponent, b.ExponentLow, b.ExponentHigh)), F(r.Bkt?.Chi2),
            Est(r.Algebraic, b => (b.Pc, b.PcLow, b.PcHigh)), Est(r.Algebraic, b => (b.Exponent, b.ExponentLow, b.ExponentHigh)), F(r.Algebraic?.Chi2),
            flags.Length == 0 ? (r.Bkt is null && r.Algebraic is null ? "" : "none") : flags, Letters(r.Phases)];
    }

    /// <summary>The line printed under the table for a row without a transition; null for a row with one.</summary>
    public static string? NoTransition(BoundaryRow r) =>
        r.Transition == "transition" ? null : $"{new Architecture(r.Width, r.Depth)} p_t = {F(r.TrainRate)}: no transition: {r.TransitionReason}";

    public static Table Table(IReadOnlyList<BoundaryRow> rows)
    {
        // Numbers never wrap inside a cell; the flags and phases columns take what is left.
        var table = new Table();
        for (int i = 0; i < Columns.Count; i++)
        {
            table.AddColumn(i < 10 ? new TableColumn(Columns[i]).NoWrap() : new TableColumn(Columns[i]));
        }
        foreach (var r in rows)
        {
            table.AddRow(Cells(r).Select(Markup.Escape).ToArray());
        }
        return table;
    }

    /// <summary>
    /// The table, the reason for each line without a transition, and the legend: what every command prints.
    /// Where the table is wider than <paramref name="width"/> columns, one block per line instead, its fields
    /// wrapped between fields, never inside a number.
    /// </summary>
    public static Spectre.Console.Rendering.IRenderable Render(IReadOnlyList<BoundaryRow> rows, int width)
    {
        var table = Table(rows);
        var parts = new List<Spectre.Console.Rendering.IRenderable> { TableWidth.Of(table) <= width ? table : Blocks(rows, width) };
        foreach (var line in rows.Select(NoTransition).OfType<string>())
        {
            parts.Add(new Text(line));
        }
        parts.Add(new Text(Legend));
        return new Rows(parts);
    }

    /// <summary>The narrow layout: per line a heading and its estimates, each field whole.</summary>
    private static Text Blocks(IReadOnlyList<BoundaryRow> rows, int width)
    {
        var lines = new List<string>();
        foreach (var r in rows)
        {
            var transition = r.Transition == "transition" ? "transition" : $"no transition ({Words(r.Transition)})";
            lines.AddRange(Wrap([$"{new Architecture(r.Width, r.Depth)} p_t = {F(r.TrainRate)}:", transition, .. r.Crossing is null ? Array.Empty<string>() : [$"crossing p_e {Pm(r.Crossing, r.CrossingErr)}"]], width, "    "));
            foreach (var (name, exponent, fit) in new[] { ("BKT", "kappa", r.Bkt), ("alg.", "nu", r.Algebraic) })
            {
                if (fit is not null)
                {
                    string[] fields = [$"  {name,-4}", $"p_c {Est(fit, b => (b.Pc, b.PcLow, b.PcHigh))}", $"{exponent} {Est(fit, b => (b.Exponent, b.ExponentLow, b.ExponentHigh))}",
                        $"chi2 {F(fit.Chi2)}", .. fit.Flags.Count > 0 ? [$"flags: {string.Join(", ", fit.Flags)}"] : Array.Empty<string>()];
                    lines.AddRange(Wrap(fields, width, "    "));
                }
            }
            lines.AddRange(Wrap(["  phases by p_e:", Letters(r.Phases)], width, "    "));
        }
        return new Text(string.Join('\n', lines));
    }

    /// <summary>Joins <paramref name="fields"/> with two spaces, starting a new line (indented) before a field that would cross <paramref name="width"/>.</summary>
    internal static IEnumerable<string> Wrap(IReadOnlyList<string> fields, int width, string indent)
    {
        var line = new System.Text.StringBuilder();
        foreach (var field in fields)
        {
            if (line.Length > 0 && line.Length + 2 + field.Length > width)
            {
                yield return line.ToString();
                line.Clear().Append(indent);
            }
            else if (line.Length > 0)
            {
                line.Append("  ");
            }
            line.Append(field);
        }
        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    /// <summary>"EEEUDD": one letter per p_e, in p_e order (eumentia, dementia, amentia, undecided).</summary>
    public static string Letters(IReadOnlyList<BoundaryPhase> phases) => string.Concat(phases.Select(p => p.Phase.ToString()[0]));

    /// <summary>onlyEumentia -> "only eumentia".</summary>
    private static string Words(string camel) =>
        string.Concat(camel.Select(c => char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>"0.612 +0.013/-0.021", with a star when the fit carries any flag.</summary>
    private static string Est(BoundaryFit? fit, Func<BoundaryFit, (double Value, double? Low, double? High)> pick)
    {
        if (fit is null)
        {
            return "-";
        }
        var (v, lo, hi) = pick(fit);
        var star = fit.Flags.Count > 0 ? "*" : "";
        return lo is { } l && hi is { } h ? $"{F(v)} +{F(h - v)}/-{F(v - l)}{star}" : F(v) + star;
    }

    private static string F(double? x) => x is { } v ? v.ToString(v != 0 && Math.Abs(v) < 0.01 ? "0.#####" : "0.###", CultureInfo.InvariantCulture) : "-";

    private static string Pm(double? x, double? err) => x is null ? "-" : err is { } e ? $"{F(x)} ± {F(e)}" : F(x);
}
