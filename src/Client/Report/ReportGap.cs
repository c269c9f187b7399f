namespace Mentia.Client.Report;

/// <summary>
/// A part of the analysis a report cannot show, and why: the data were too thin for it (one training run per
/// cell, fewer than three sizes N, too few p_e). Shown at the top of index.html and in `mentia report`'s
/// summary, so an absent figure is never mistaken for a failed one.
/// </summary>
/// <param name="Missing">What is absent, e.g. "no error bars, so no alpha, no phase diagram, no transitions and no collapse".</param>
/// <param name="Reason">Why, in terms of the spec, e.g. "1 training run per cell (replicas: 1) ...".</param>
public sealed record ReportGap(string Missing, string Reason)
{
    /// <summary>"missing: reason".</summary>
    public override string ToString() => $"{Missing}: {Reason}";
}
