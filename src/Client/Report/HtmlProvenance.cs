using System.Net;
using System.Text;
using Mentia.Analysis.Sweeps;

namespace Mentia.Client.Report;

/// <summary>The page's "Provenance" table: which Mentia, spec, seed, devices, libraries, OS, times and silos made the results.</summary>
internal static class HtmlProvenance
{
    public static void Write(StringBuilder sb, Provenance? p)
    {
        sb.AppendLine("<h2 id=\"provenance\">Provenance</h2>");
        if (p is null)
        {
            // Said, not left out: a reader must not take an absent table for an unknown build.
            sb.AppendLine("<p class=\"warn\">These results carry no provenance: they were written by a Mentia before results schema 3, or by <code>mentia analyze</code> from a cells.csv.</p>");
            return;
        }
        sb.AppendLine("<table class=\"facts\">");
        Row("Mentia", p.MentiaVersion + (p.Commit is null ? " (commit unknown)" : ""));
        Row("commit", p.Commit ?? "unknown");
        Row("spec SHA-256", p.SpecSha256);
        Row("seed", p.Seed.ToString(FigureKit.Inv));
        Row("devices", p.Devices.Count > 0 ? string.Join(", ", p.Devices) : "not recorded");
        Row("engine threads", p.Threads is { } t ? (t == 0 ? "libtorch's default" : t.ToString(FigureKit.Inv)) : "each silo's own setting");
        Row("TorchSharp / libtorch", $"{p.TorchSharpVersion ?? "?"} / {p.LibtorchVersion ?? "?"}");
        Row(".NET", p.DotnetVersion ?? "?");
        Row("OS", p.Os ?? "?");
        Row("started", p.StartedAt is { } s ? s.ToUniversalTime().ToString("u", FigureKit.Inv) : "unknown");
        Row("finished", p.FinishedAt is { } f ? f.ToUniversalTime().ToString("u", FigureKit.Inv) : "not yet");
        Row("silos", p.Silos.Count > 0 ? string.Join(", ", p.Silos) : "none yet");
        sb.AppendLine("</table>");

        void Row(string k, string v) => sb.AppendLine($"<tr><th class=\"l\">{WebUtility.HtmlEncode(k)}</th><td>{WebUtility.HtmlEncode(v)}</td></tr>");
    }
}
