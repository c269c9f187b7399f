using System.Net;
using System.Text;
using Mentia.Analysis.Lines;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Specs;

namespace Mentia.Client.Report;

/// <summary>The fitted numbers of the page, per architecture: p_c and exponents with errors and flags per p_t, the alpha table, the notes.</summary>
internal static class HtmlNumbers
{
    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>Appends one block per architecture with lines (nothing for results without lines).</summary>
    public static void Write(StringBuilder sb, SweepResults r)
    {
        foreach (var arch in ReportData.Architectures(r))
        {
            var lines = ReportData.Lines(r, arch);
            if (lines.Count == 0)
            {
                continue;
            }
            sb.AppendLine($"<h3>{E(ReportData.ArchText(arch))}</h3>");
            NumbersTable(sb, lines);
            AlphaTable(sb, lines);
            var notes = lines.SelectMany(l => l.Notes.Select(n => $"pₜ = {FigureKit.Rate(l.TrainRate)}: {n}"))
                .Concat(lines.Where(l => l.HasTransition).SelectMany(l => l.Scaling.Where(f => !f.Fitted).Select(f => $"pₜ = {FigureKit.Rate(l.TrainRate)}, {ReportData.AnsatzName(f.Ansatz)}: not fitted: {f.Reason}")))
                .ToArray();
            if (notes.Length > 0)
            {
                sb.AppendLine("<ul>");
                foreach (var n in notes)
                {
                    sb.AppendLine($"<li>{E(n)}</li>");
                }
                sb.AppendLine("</ul>");
            }
        }

    }

    private static void NumbersTable(StringBuilder sb, IReadOnlyList<LineResult> lines)
    {
        var ansatzes = lines.SelectMany(l => l.Scaling.Select(f => f.Ansatz)).Distinct().Order().ToArray();
        sb.Append("<table><tr><th>pₜ</th><th>transition</th><th>crossing p_c</th><th>crossing spread over N pairs</th>");
        foreach (var a in ansatzes)
        {
            var sym = a == FssAnsatz.Bkt ? "κ" : "ν";
            sb.Append($"<th>{E(ReportData.AnsatzName(a))} p_c</th><th>{sym}</th><th>χ²/dof</th><th>window, sizes</th><th>p_c(N→∞) from the drift</th><th>flags</th>");
        }
        sb.AppendLine("</tr>");
        foreach (var l in lines)
        {
            if (!l.HasTransition)
            {
                var why = l.Transition?.Reason ?? "results written before transitions were detected";
                sb.AppendLine($"<tr><td>{E(FigureKit.Rate(l.TrainRate))}</td><td class=\"l\" colspan=\"{3 + 6 * ansatzes.Length}\">no: {E(why)}</td></tr>");
                continue;
            }
            sb.Append($"<tr><td>{E(FigureKit.Rate(l.TrainRate))}</td><td>yes</td><td>{E(FigureKit.WithError(l.Crossing.EvalRate, l.Crossing.EvalRateErr))}</td><td>{E(FigureKit.Number(l.Crossing.Spread))}</td>");
            foreach (var a in ansatzes)
            {
                var f = l.Scaling.FirstOrDefault(s => s.Ansatz == a);
                if (f is null || !f.Fitted)
                {
                    sb.Append($"<td colspan=\"6\" class=\"l\">{E(f?.Reason ?? "not fitted")}</td>");
                    continue;
                }
                var star = f.Flags.Count > 0 ? " *" : "";
                var window = $"[{FigureKit.Number(f.WindowLow)}, {FigureKit.Number(f.WindowHigh)}] ({f.WindowSource}), N ≥ {FigureKit.Number(f.MinSize, "0")}";
                // The reason a limit is missing is long: it goes in the cell's tooltip, the cell says "none".
                var (drift, driftWhy) = f.Drift switch
                {
                    { Fitted: true } d => (FigureKit.WithError(d.PcInfinity, d.PcInfinityErr) + (d.Agrees == false ? " (disagrees)" : ""), ""),
                    { Reason: { } why } => ("none (hover for why)", why),
                    _ => ("–", ""),
                };
                sb.Append($"<td>{E(FigureKit.WithBounds(f.Pc, f.PcLow, f.PcHigh) + star)}</td><td>{E(FigureKit.WithBounds(f.Exponent, f.ExponentLow, f.ExponentHigh) + star)}</td>" +
                          $"<td>{E(FigureKit.Number(f.Chi2, "0.##"))}</td><td class=\"l\">{E(window)}</td><td title=\"{E(driftWhy)}\">{E(drift)}</td><td class=\"l\">{E(f.Flags.Count == 0 ? "none" : string.Join(", ", f.Flags))}</td>");
            }
            sb.AppendLine("</tr>");
        }
        sb.AppendLine("</table>");
        sb.AppendLine("<p>Errors of the collapse: +high/−low, the extent of the χ² contour (" + E(lines.SelectMany(l => l.Scaling).FirstOrDefault()?.ContourLevel ?? "1.3x") +
                      "). * the estimate carries quality flags (docs/analysis.md lists them). Lines without a transition get no p_c or exponent.</p>");
    }

    private static void AlphaTable(StringBuilder sb, IReadOnlyList<LineResult> lines)
    {
        var pes = lines.SelectMany(l => l.Alphas.Select(a => a.EvalRate)).Distinct().Order().ToArray();
        if (pes.Length == 0)
        {
            return;
        }
        sb.Append("<p>The exponent α ± its standard error, and the phase (E eumentia, D dementia, A amentia, ? undecided), at each (pₜ, pₑ):</p><table><tr><th>pₜ \\ pₑ</th>");
        foreach (var pe in pes)
        {
            sb.Append($"<th>{E(FigureKit.Rate(pe))}</th>");
        }
        sb.AppendLine("</tr>");
        foreach (var l in lines)
        {
            sb.Append($"<tr><th>{E(FigureKit.Rate(l.TrainRate))}</th>");
            foreach (var pe in pes)
            {
                var a = l.Alphas.FirstOrDefault(x => x.EvalRate == pe);
                var letter = a?.Classification.Phase switch
                {
                    Mentia.Analysis.Phases.Phase.Eumentia => "E",
                    Mentia.Analysis.Phases.Phase.Dementia => "D",
                    Mentia.Analysis.Phases.Phase.Amentia => "A",
                    null => "",
                    _ => "?",
                };
                sb.Append(a is null ? "<td></td>" : $"<td title=\"{E(a.Classification.Reason)}\">{E(FigureKit.WithError(a.Fit.Alpha, a.Fit.AlphaErr))} {letter}</td>");
            }
            sb.AppendLine("</tr>");
        }
        sb.AppendLine("</table>");
    }
}
