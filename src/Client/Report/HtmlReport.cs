using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Mentia.Analysis.Sweeps;

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

        // Order of the page: the fitted numbers first (what a reader checks), then the figures over all p_t, then
        // one section per p_t with every figure of that line; a table of contents links them all.
        var overview = figures.Where(f => f.TrainRate is null).ToArray();
        var perLine = figures.Where(f => f.TrainRate is not null).GroupBy(f => (f.Architecture, TrainRate: f.TrainRate!.Value)).ToArray();
        var many = ArchCount(figures) > 1;
        string ArchLabel(string key) => ReportData.Architectures(r).FirstOrDefault(a => ReportData.ArchKey(a) == key) is { Width: > 0 } a ? ReportData.ArchText(a) : key;
        sb.Append("<nav><b>Contents</b>: ");
        if (missing.Count > 0)
        {
            sb.Append("<a href=\"#missing\">Not in this report</a>");
        }
        sb.Append("<a href=\"#numbers\">Fitted numbers</a>");
        foreach (var (family, title, _) in Overview.Where(f => overview.Any(g => g.Family == f.Family)))
        {
            sb.Append($"<a href=\"#{family}\">{E(title)}</a>");
        }
        sb.AppendLine("<a href=\"#provenance\">Provenance</a><a href=\"#spec\">Spec</a>");
        if (perLine.Length > 0)
        {
            sb.Append("<br><b>Figures at each pₜ</b>: ");
            foreach (var g in perLine)
            {
                sb.Append($"<a href=\"#{LineAnchor(g.Key.Architecture, g.Key.TrainRate)}\">{E(LineTitle(g.Key.Architecture is { } k ? ArchLabel(k) : null, g.Key.TrainRate, many))}</a>");
            }
        }
        sb.AppendLine("</nav>");

        sb.AppendLine("<h2 id=\"numbers\">Fitted numbers</h2>");
        HtmlNumbers.Write(sb, r);

        foreach (var (family, title, intro) in Overview)
        {
            var list = overview.Where(f => f.Family == family).ToArray();
            if (list.Length == 0)
            {
                continue;
            }
            var text = family == "phase" && list.All(f => !f.Key.EndsWith("-phase-alpha", StringComparison.Ordinal))
                ? "The accuracy map. No map of the exponent α: no cell has one (see “Not in this report”)."
                : intro;
            sb.AppendLine($"<h2 id=\"{family}\">{Rich(title)}</h2><p>{Rich(text)}</p>");
            foreach (var group in list.GroupBy(f => f.Architecture))
            {
                if (many && group.Key is { } arch)
                {
                    sb.AppendLine($"<h3>{E(ArchLabel(arch))}</h3>");
                }
                Figures(group);
            }
        }

        foreach (var g in perLine)
        {
            sb.AppendLine($"<h2 id=\"{LineAnchor(g.Key.Architecture, g.Key.TrainRate)}\">{E(LineTitle(g.Key.Architecture is { } k ? ArchLabel(k) : null, g.Key.TrainRate, many))}</h2>");
            // The line's verdict in one sentence, so a section read on its own says what its figures show.
            if (r.Lines.FirstOrDefault(l => ReportData.ArchKey(l.Architecture) == g.Key.Architecture && l.TrainRate == g.Key.TrainRate) is { } line)
            {
                var verdict = line.HasTransition
                    ? $"Transition: {line.Transition!.Reason}; crossing pₑ = {FigureKit.WithError(line.Crossing.EvalRate, line.Crossing.EvalRateErr)}."
                    : $"No transition: {line.Transition?.Reason ?? "results written before transitions were detected"}.";
                sb.AppendLine($"<p>{Rich(verdict)}</p>");
            }
            foreach (var (family, title, intro) in PerLine)
            {
                var list = g.Where(f => f.Family == family).ToArray();
                if (list.Length > 0)
                {
                    sb.AppendLine($"<h3>{Rich(title)}</h3><p>{Rich(intro)}</p>");
                    Figures(list);
                }
            }
        }

        HtmlProvenance.Write(sb, r.Provenance);
        sb.AppendLine("<h2 id=\"spec\">Spec</h2>");
        sb.AppendLine($"<pre>{E(r.SpecText)}</pre>");
        sb.AppendLine("<p style=\"color:#888\">Written by <code>mentia report</code>. Figures: PNG (shown) and SVG (linked). The data: results.json, see docs/results.md.</p>");
        sb.AppendLine("</body></html>");
        return sb.ToString();

        void Fact(string k, string v) => sb.AppendLine($"<tr><th class=\"l\">{E(k)}</th><td>{E(v)}</td></tr>");

        void Figures(IEnumerable<ReportFigure> list)
        {
            sb.AppendLine("<div class=\"figs\">");
            foreach (var f in list)
            {
                var wide = f.Family == "phase" ? " class=\"wide\"" : "";
                sb.AppendLine($"<figure{wide}><a href=\"{E(f.Png)}\"><img src=\"{E(f.Png)}\" width=\"{f.Width}\" height=\"{f.Height}\" alt=\"{E(f.Title)}\"></a>");
                sb.AppendLine($"<figcaption><b>{Rich(f.Title)}.</b> {Rich(f.Caption)} <a href=\"{E(f.Svg)}\">SVG</a> <a href=\"{E(f.Pdf)}\">PDF</a></figcaption></figure>");
            }
            sb.AppendLine("</div>");
        }
    }

    /// <summary>The figures over all p_t, in page order: (family, section title, intro).</summary>
    private static readonly (string Family, string Title, string Intro)[] Overview =
    [
        ("phase", "Phase diagram", "The exponent α of ⟨L⟩ ∝ N^α over (pₜ, pₑ) with the phases and their boundaries, and the accuracy map."),
        ("fss-summary", "Critical point and exponents against pₜ", "From the crossing of the ⟨L⟩(pₑ) curves and from the finite-size-scaling collapses."),
        ("robustness", "Robustness: the boundary across architectures", "The eumentia-dementia boundary against pₜ, one curve per depth at fixed width and one per width at fixed depth; only lines with a transition give a point."),
    ];

    /// <summary>The figures of one line (one p_t), in section order.</summary>
    private static readonly (string Family, string Title, string Intro)[] PerLine =
    [
        ("lines", "Line cuts", "⟨L⟩, ⟨A⟩ and the Binder cumulant against pₑ, one curve per training-set size N."),
        ("powerlaw", "Power laws in N", "⟨L⟩ against N on log-log axes with the fitted power laws; α in the legend."),
        ("collapse", "Finite-size scaling: before and after the collapse", "The data the collapse uses, then the same data against the scaling variable of each ansatz."),
        ("chi2", "χ² maps of the collapses", "Reduced χ² over (p_c, exponent), with the χ²_min + 1 contour, the contour the fit used and the minimum."),
        ("fss-checks", "Finite-size checks of the collapses", "The window scan (p_c and the exponent as the pₑ window shrinks and the smallest sizes are dropped; the chosen window circled) and the drift of the pairwise crossings with size, extrapolated to N → ∞."),
        ("training", "Training curves", "The validation loss after each epoch: per N the median over the replicas and the 25–75 % band, to check that training converged."),
    ];

    /// <summary>The anchor of a line's section: its figures' file-name stem (w64d2-pt0.500).</summary>
    internal static string LineAnchor(string? arch, double trainRate) => $"{arch}-{ReportData.RateKey(trainRate)}";

    private static string LineTitle(string? arch, double trainRate, bool withArch) =>
        $"pₜ = {FigureKit.Rate(trainRate)}" + (withArch && arch is not null ? $" ({arch})" : "");

    /// <summary>
    /// HTML-encoded text with exponents as superscripts: "N^α" and "N^(1/ν)" become N<sup>α</sup> and
    /// N<sup>1/ν</sup> (captions are plain text shared with the manifest, where the caret stays).
    /// </summary>
    internal static string Rich(string text)
    {
        var html = E(text);
        html = Regex.Replace(html, @"\^\(([^()]*)\)", "<sup>$1</sup>");
        return Regex.Replace(html, @"\^([\p{L}\p{N}−]+)", "<sup>$1</sup>");
    }

    private static int ArchCount(IReadOnlyList<ReportFigure> figures) => figures.Select(f => f.Architecture).Distinct().Count();
}
