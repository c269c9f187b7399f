using Mentia.Analysis.Lines;
using Mentia.Analysis.Statistics;
using Mentia.Analysis.Sweeps;
using Orleans.Concurrency;

namespace Mentia.GrainInterfaces;

/// <summary>A whole sweep's results and phase diagram as of now (key: sweep id), assembled from its lines; and its raw data.</summary>
[Alias("mentia.ISweepAnalysisGrain")]
public interface ISweepAnalysisGrain : IGrainWithStringKey
{
    [Alias("GetResults")]
    Task<SweepResults> GetResults();

    /// <summary>
    /// The sweep's raw data as of now: every recorded evaluation pass, every trained run (seed, epochs, best epoch,
    /// learning-rate drops, stop reason, time, device, silo) and each run's training curve.
    /// </summary>
    [Alias("GetRawData")]
    Task<Mentia.Core.Records.Raw.RawData> GetRawData();
}
