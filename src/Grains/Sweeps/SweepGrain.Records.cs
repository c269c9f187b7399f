using Mentia.Core.Ledger;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Microsoft.Extensions.Logging;

namespace Mentia.Grains.Sweeps;

/// <summary>The sweep grain as the cells' record index (<see cref="ISweepRecords"/>): which stored result records a cell is made of.</summary>
public sealed partial class SweepGrain
{
    // ------------------------------------------------------------------ ISweepRecords

    public Task<IReadOnlyList<ResultRecordRef>> GetResultRecords(string cellKey)
    {
        if (_layout is null || Ledger is null || !_layout.CellsByKey.TryGetValue(cellKey, out var cell))
        {
            return Task.FromResult<IReadOnlyList<ResultRecordRef>>([]);
        }
        var runs = _layout.RunsByPoint[(cell.Architecture, cell.TrainRate, cell.Size)].Select(r => r.Key);
        return Task.FromResult(Ledger.RecordsHolding(runs, _layout.RateIndex[CellKeys.Rate(cell.EvalRate)]));
    }

    public async Task ReportResultLost(ResultRecordRef record, string reason)
    {
        if (Ledger?.RecordResultLost(record, reason) != true)
        {
            return; // already being redone, or a record of an older attempt
        }
        log.LogWarning("sweep {Sweep}: the result record of {Run} chunk {Chunk} is unusable ({Reason}); evaluating it again", Id, record.RunKey, record.Chunk, reason);
        if (Ledger.IsRunning)
        {
            await KeepAwake(); // before the write: if the write fails, supervision still finds the reopened chunk
        }
        await Save();
        await DispatchEvaluation(record.RunKey, [record.Chunk]);
    }
}
