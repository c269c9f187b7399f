using Mentia.Core.Ledger;
using Mentia.Grains.Sweeps;
using Xunit;

namespace Mentia.Grains.Tests;

public class MentiaStateSerializerTests
{
    [Fact]
    public void A_sweeps_stored_state_reads_back_with_its_whole_ledger()
    {
        var ledger = SweepLedger.Open(["r0", "r1"], ratesPerRun: 3, passes: 4);
        ledger.TrainingDispatched("r0", "silo-a", DateTimeOffset.UnixEpoch);
        ledger.RecordTrained([new StoredModel("r0", 0, "blob", "sha", 3, 0.2, "EarlyStop", 1.0, "silo-a")], chunkCount: 2, DateTimeOffset.UnixEpoch);
        ledger.ChunkDispatched("r0", 0, "silo-b", DateTimeOffset.UnixEpoch);
        ledger.RecordEvaluated("r0", 0, 1, DateTimeOffset.UnixEpoch);
        var state = new SweepGrainState { SpecText = "name: x", Name = "x", SubmittedAt = DateTimeOffset.UnixEpoch, Ledger = ledger };

        var serializer = new MentiaStateSerializer();
        var back = serializer.Deserialize<SweepGrainState>(serializer.Serialize(state));

        Assert.Equal(("name: x", "x"), (back.SpecText, back.Name));
        Assert.Equal(ledger.Report(), back.Ledger!.Report());
        Assert.Equal(ledger.Progress(), back.Ledger.Progress());
        Assert.Equal("silo-b", back.Ledger["r0"].PendingChunks[0]);
        Assert.Equal([new ResultRecordRef("r0", 0, 1, 2)], back.Ledger.RecordsHolding(["r0", "r1"], rateIndex: 2));
    }
}
