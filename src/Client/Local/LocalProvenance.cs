using Mentia.Analysis.Sweeps;
using Mentia.Core.Records.Raw;
using Mentia.Core.Specs;
using Mentia.Training;

namespace Mentia.Client.Local;

/// <summary>The provenance of a `mentia run`: this build, this process's engine settings and runtime, the one silo "local".</summary>
public static class LocalProvenance
{
    /// <param name="device">The device option as given (auto, cpu, cuda): used only when no run was trained to say which device it was.</param>
    public static Provenance Of(SweepSpec spec, string specText, RawData raw, string device, int threads, DateTimeOffset startedAt, DateTimeOffset finishedAt) => new()
    {
        MentiaVersion = MentiaApp.Version,
        Commit = Provenance.CommitOf(MentiaApp.Version),
        SpecSha256 = Provenance.HashSpec(specText),
        Seed = spec.Seed,
        Devices = raw.Runs.Count > 0 ? raw.Runs.Select(r => r.Device).Distinct().Order(StringComparer.Ordinal).ToArray() : [device],
        Threads = threads,
        TorchSharpVersion = RuntimeFacts.TorchSharpVersion,
        LibtorchVersion = RuntimeFacts.LibtorchVersion,
        DotnetVersion = RuntimeFacts.DotnetVersion,
        Os = RuntimeFacts.Os,
        StartedAt = startedAt,
        FinishedAt = finishedAt,
        Silos = [InProcessSweep.LocalWorker],
    };
}
