using Mentia.Analysis.Lines;
using Mentia.Analysis.Statistics;
using Mentia.Analysis.Sweeps;
using Orleans.Concurrency;

namespace Mentia.GrainInterfaces;

/// <summary>A whole sweep's results and phase diagram as of now (key: sweep id), assembled from its lines.</summary>
[Alias("mentia.ISweepAnalysisGrain")]
public interface ISweepAnalysisGrain : IGrainWithStringKey
{
    [Alias("GetResults")]
    Task<SweepResults> GetResults();
}
