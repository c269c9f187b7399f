using Mentia.Core.Ledger;
using Orleans.Concurrency;

namespace Mentia.GrainInterfaces;

/// <summary>What the cell aggregates ask a sweep: which stored result records hold their runs, and which are unusable.</summary>
[Alias("mentia.ISweepRecords")]
public interface ISweepRecords : IGrainWithStringKey
{
    /// <summary>
    /// The stored result records holding a cell's runs so far (key: the cell's grain key): what a cell
    /// aggregate activating after a restart or an idle spell rebuilds itself from.
    /// </summary>
    [Alias("GetResultRecords")]
    [AlwaysInterleave]
    Task<IReadOnlyList<ResultRecordRef>> GetResultRecords(string cellKey);

    /// <summary>A stored result record is missing or corrupt: that chunk is evaluated again (the sweep reopens if it had finished).</summary>
    // An ordinary call: the sweep never waits on a device queue (work grains accept or decline at once),
    // so a cell waiting here while activating cannot close a cycle back to itself.
    [Alias("ReportResultLost")]
    Task ReportResultLost(ResultRecordRef record, string reason);
}
