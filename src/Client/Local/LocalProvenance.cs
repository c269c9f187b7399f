using Mentia.Analysis.Sweeps;
using Mentia.Core.Records.Raw;
using Mentia.Core.Specs;
using Mentia.Training;

namespace Mentia.Client.Local;

/// <summary>The provenance of a `mentia run`: this build, this process's engine settings and runtime, the one silo "local".</summary>
public static class LocalProvenance
{
    /// <param name="device">The device option as given (auto, cpu, cuda): used only when no run was trained to say which device it was.</param>
    public static Provenance Of(SweepSpec spec, string specText, RawData raw, string device, int threads, DateTimeOffset startedAt, DateTimeOffset finishedAt) =>
        Provenance.Of(specText, spec.Seed, MentiaApp.Version,
            (RuntimeFacts.TorchSharpVersion, RuntimeFacts.LibtorchVersion, RuntimeFacts.DotnetVersion, RuntimeFacts.Os),
            raw.Runs.Count > 0 ? raw.Runs.Select(r => r.Device) : [device], [InProcessSweep.LocalWorker], startedAt, finishedAt, threads);
}
