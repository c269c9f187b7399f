namespace Mentia.Core.Records.Raw;

/// <summary>Everything a sweep measured, unaggregated: every evaluation pass, every training run, every epoch of every run.</summary>
public sealed record RawData(IReadOnlyList<PassRow> Passes, IReadOnlyList<RunRow> Runs, IReadOnlyList<EpochRow> Epochs)
{
    public static RawData Empty { get; } = new([], [], []);
}
