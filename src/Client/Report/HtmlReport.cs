using System.Net;
using System.Text;
using Mentia.Analysis.Lines;
using Mentia.Analysis.Sweeps;
using Mentia.Core.Specs;

namespace Mentia.Client.Report;

/// <summary>The self-contained index.html: header facts, the figures by family (relative links), the fitted numbers with errors, the spec.</summary>
internal static class HtmlReport
{
    private static string E(string s) => WebUtility.HtmlEncode(s);

    public static string Render(SweepResults r, IReadOnlyList<ReportFigure> figures, IReadOnlyList<ReportGap> missing, DateTimeOffset generated)
    {
        var sb = new StringBuilder();
        sb.AppendLine("<!DOCTYPE html>");
        sb.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.AppendLine($"<title>Mentia report: {E(r.Name)}</title>");
        sb.AppendLine("""
<style>
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1400px; color: #222; line-height: 1.4; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.95em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: right; } th { background: #f3f3f3; }
td.l, th.l { text-align: left; }
.facts td { text-align: left; }
.figs { display: flex; flex-wrap: wrap; gap: 1.5em; }
figure { margin: 0; max-width: 680px; } figure img { width: 100%; border: 1px solid #eee; }
figure.wide { max-width: 1000px; }
figcaption { font-size: 0.9em; color: #444; } figcaption a { color: #06c; }
pre { background: #f7f7f7; border: 1px solid #ddd; padding: 1em; overflow-x: auto; }
.warn { color: #a40; }
nav a { margin-right: 1em; }
</style></head><body>
""");
        sb.AppendLine($"<h1>Mentia report: {E(r.Name)}</h1>");
        sb.AppendLine("<table class=\"facts\">");
        Fact("sweep id", r.SweepId);
        Fact("state", r.State == "reanalysed"
            ? "reanalysed: recomputed by `mentia analyze` from an exported cells.csv (replica counts are not in that file)"
            : $"{r.State}: {r.ReplicasDone} of {r.ReplicasTotal} replicas done");
        Fact("validation dropout (drives early stopping and the plateau scheduler)",
            r.ValidationDropout == "off" ? "off: validation loss measured without dropout" : r.ValidationDropout == "train" ? "train: validation loss measured at pₜ" : r.ValidationDropout);
        Fact("kept weights", r.KeptWeights);
        Fact("results generated", r.GeneratedAt.ToUniversalTime().ToString("u", FigureKit.Inv));
        Fact("report generated", generated.ToUniversalTime().ToString("u", FigureKit.Inv));
        Fact("cells with results", $"{r.Cells.Count(c => c.Statistics.Runs > 0)} of {r.Cells.Count}");
        sb.AppendLine("</table>");
        if (r.State is not ("done" or "reanalysed"))
        {
            sb.AppendLine($"<p class=\"warn\">The sweep is {E(r.State)}: these figures show the data so far and will sharpen as replicas arrive.</p>");
        }
        if (missing.Count > 0)
        {
            // Before the figures: an absent figure must read as "the data cannot give it", not as a failure.
            sb.AppendLine("<h2 id=\"missing\">Not in this report</h2><ul class=\"warn\">");
            foreach (var gap in missing)
            {
                sb.AppendLine($"<li><b>{E(gap.Missing)}</b>: {E(gap.Reason)}.</li>");
            }
            sb.AppendLine("</ul>");
        }

        var families = new (string Family, string Title, string Intro)[]
        {
            ("phase", "Phase diagram", "The exponent α of ⟨L⟩ ∝ N^α over (pₜ, pₑ) with the phases and their boundaries, and the accuracy map."),
            ("fss-summary", "Critical point and exponents against pₜ", "From the crossing of the ⟨L⟩(pₑ) curves and from the finite-size-scaling collapses."),
            ("lines", "Line cuts at each pₜ", "⟨L⟩, ⟨A⟩ and the Binder cumulant against pₑ, one curve per training-set size N."),
            ("powerlaw", "Power laws in N", "⟨L⟩ against N on log-log axes with the fitted power laws; α in the legend."),
            ("collapse", "Finite-size scaling: before and after the collapse", "The data the collapse uses, then the same data against the scaling variable of each ansatz."),
            ("chi2", "χ² maps of the collapses", "Reduced χ² over (p_c, exponent), with the χ²_min + 1 contour, the contour the fit used and the minimum."),
            ("fss-checks", "Finite-size checks of the collapses", "The window scan (p_c and the exponent as the pₑ window shrinks and the smallest sizes are dropped; the chosen window circled) and the drift of the pairwise crossings with size, extrapolated to N → ∞."),
        };
        sb.Append("<nav>");
        if (missing.Count > 0)
        {
            sb.Append("<a href=\"#missing\">Not in this report</a>");
        }
        foreach (var (family, title, _) in families.Where(f => figures.Any(g => g.Family == f.Family)))
        {
            sb.Append($"<a href=\"#{family}\">{E(title)}</a>");
        }
        sb.AppendLine("<a href=\"#numbers\">Fitted numbers</a><a href=\"#spec\">Spec</a></nav>");

        foreach (var (family, title, intro) in families)
        {
            var list = figures.Where(f => f.Family == family).ToArray();
            if (list.Length == 0)
            {
                continue;
            }
            var text = family == "phase" && list.All(f => !f.Key.EndsWith("-phase-alpha", StringComparison.Ordinal))
                ? "The accuracy map. No map of the exponent α: no cell has one (see “Not in this report”)."
                : intro;
            sb.AppendLine($"<h2 id=\"{family}\">{E(title)}</h2><p>{E(text)}</p>");
            foreach (var group in list.GroupBy(f => (f.Architecture, f.TrainRate)))
            {
                if (group.Key.TrainRate is { } pt)
                {
                    sb.AppendLine($"<h3>pₜ = {E(FigureKit.Rate(pt))}{(ArchCount(figures) > 1 ? $" ({E(group.Key.Architecture ?? "")})" : "")}</h3>");
                }
                sb.AppendLine("<div class=\"figs\">");
                foreach (var f in group)
                {
                    var wide = f.Family == "phase" ? " class=\"wide\"" : "";
                    sb.AppendLine($"<figure{wide}><a href=\"{E(f.Png)}\"><img src=\"{E(f.Png)}\" width=\"{f.Width}\" height=\"{f.Height}\" alt=\"{E(f.Title)}\"></a>");
                    sb.AppendLine($"<figcaption><b>{E(f.Title)}.</b> {E(f.Caption)} <a href=\"{E(f.Svg)}\">SVG</a></figcaption></figure>");
                }
                sb.AppendLine("</div>");
            }
        }

        sb.AppendLine("<h2 id=\"numbers\">Fitted numbers</h2>");
        foreach (var arch in ReportData.Architectures(r))
        {
            var lines = ReportData.Lines(r, arch);
            if (lines.Count == 0)
            {
                continue;
            }
            sb.AppendLine($"<h3>{E(ReportData.ArchText(arch))}</h3>");
            NumbersTable(lines);
            AlphaTable(lines);
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

        sb.AppendLine("<h2 id=\"spec\">Spec</h2>");
        sb.AppendLine($"<pre>{E(r.SpecText)}</pre>");
        sb.AppendLine("<p style=\"color:#888\">Written by <code>mentia report</code>. Figures: PNG (shown) and SVG (linked). The data: results.json, see docs/results.md.</p>");
        sb.AppendLine("</body></html>");
        return sb.ToString();

        void Fact(string k, string v) => sb.AppendLine($"<tr><th class=\"l\">{E(k)}</th><td>{E(v)}</td></tr>");

        void NumbersTable(IReadOnlyList<LineResult> lines)
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

        void AlphaTable(IReadOnlyList<LineResult> lines)
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

    private static int ArchCount(IReadOnlyList<ReportFigure> figures) => figures.Select(f => f.Architecture).Distinct().Count();
}
