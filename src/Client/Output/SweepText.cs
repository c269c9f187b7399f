using Mentia.GrainInterfaces;

namespace Mentia.Client.Output;

/// <summary>One-line renderings of sweep state for plain output.</summary>
public static class SweepText
{
    public static string Progress(SweepProgress p)
    {
        var elapsed = ((p.FinishedAt ?? DateTimeOffset.UtcNow) - p.SubmittedAt).TotalSeconds;
        var line = $"{p.SweepId}: {p.State.ToString().ToLowerInvariant()}; replicas {p.Done}/{p.Replicas} done, {p.Training} training, {p.Evaluating} evaluating, {p.Queued} queued, {p.Failed} failed; passes {p.PassesDone}/{p.PassesTotal}; {elapsed:0} s";
        line = p.Retrained > 0 ? line + $"; {p.Retrained} re-dispatched" : line;
        return p.Message is { Length: > 0 } why ? line + $"; {why}" : line;
    }
}
