using System.Text;
using ScottPlot;

namespace Mentia.Client.Report;

/// <summary>
/// Exponents and indices in figure text: "N^(1/ν)", "N^α" and "p_c" are drawn with a real superscript or subscript.
/// ScottPlot's labels are plain text and Unicode has no superscript ν or κ, so a title or axis label that needs
/// one is drawn by <see cref="RichLabelPanel"/> instead, straight onto the canvas: the same in PNG, SVG and PDF.
/// </summary>
internal static class RichText
{
    /// <summary>A piece of text: Shift +1 superscript, −1 subscript, 0 on the line.</summary>
    internal readonly record struct Run(string Text, int Shift);

    /// <summary>
    /// Splits text into runs: "^(…)" (balanced) or "^" followed by letters, digits and '−' is a superscript;
    /// "_" between a letter (or ²) and letters is a subscript (p_c, χ²_min). Everything else is on the line.
    /// </summary>
    public static IReadOnlyList<Run> Parse(string text)
    {
        var runs = new List<Run>();
        var line = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '^' && i + 1 < text.Length)
            {
                string? sup = null;
                int next = i + 1;
                if (text[next] == '(')
                {
                    int depth = 0, j = next;
                    for (; j < text.Length; j++)
                    {
                        depth += text[j] == '(' ? 1 : text[j] == ')' ? -1 : 0;
                        if (depth == 0)
                        {
                            break;
                        }
                    }
                    if (j < text.Length)
                    {
                        sup = text[(next + 1)..j];
                        next = j + 1;
                    }
                }
                else
                {
                    int j = next;
                    while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] == '−'))
                    {
                        j++;
                    }
                    if (j > next)
                    {
                        sup = text[next..j];
                        next = j;
                    }
                }
                if (sup is not null)
                {
                    Flush();
                    runs.Add(new Run(sup, +1));
                    i = next;
                    continue;
                }
            }
            if (c == '_' && i > 0 && (char.IsLetter(text[i - 1]) || text[i - 1] == '²') && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                int j = i + 1;
                while (j < text.Length && char.IsLetter(text[j]))
                {
                    j++;
                }
                Flush();
                runs.Add(new Run(text[(i + 1)..j], -1));
                i = j;
                continue;
            }
            line.Append(c);
            i++;
        }
        Flush();
        return runs;

        void Flush()
        {
            if (line.Length > 0)
            {
                runs.Add(new Run(line.ToString(), 0));
                line.Clear();
            }
        }
    }

    /// <summary>True when the text has a superscript or subscript to draw.</summary>
    public static bool IsRich(string text) => Parse(text).Any(r => r.Shift != 0);

    /// <summary>
    /// Replaces the title and the bottom and left axis labels that need rich text by <see cref="RichLabelPanel"/>s
    /// at the same size (idempotent: a label already replaced is empty).
    /// </summary>
    public static void Apply(Plot plot)
    {
        // Panels stack outwards in the order they were added: take the others (a legend below the plot) off and
        // put them back after the labels, so a label sits next to its axis and the legend outside it.
        var axes = plot.Axes.GetAxes().Cast<IPanel>().Append(plot.Axes.Title).ToHashSet();
        var others = plot.Axes.GetPanels().Where(p => !axes.Contains(p)).ToArray();
        foreach (var p in others)
        {
            plot.Axes.Remove(p);
        }
        Replace(plot.Axes.Title.Label, Edge.Top);
        Replace(plot.Axes.Bottom.Label, Edge.Bottom);
        Replace(plot.Axes.Left.Label, Edge.Left);
        foreach (var p in others)
        {
            plot.Axes.AddPanel(p);
        }

        void Replace(LabelStyle label, Edge edge)
        {
            if (string.IsNullOrEmpty(label.Text) || !IsRich(label.Text))
            {
                return;
            }
            plot.Axes.AddPanel(new RichLabelPanel(label.Text, edge, label.FontSize));
            label.Text = "";
        }
    }
}
