using System.Security.Cryptography;
using System.Text;

namespace Mentia.Analysis.Sweeps;

/// <summary>
/// What produced a sweep's results: which Mentia (version and commit), which spec (its SHA-256; the text is
/// results.json's specText), seed, devices and threads, library and runtime versions, OS, when the sweep ran and
/// on which silos. Written into results.json and shown on the report's page (docs/results.md, "provenance").
/// </summary>
public sealed record Provenance
{
    /// <summary>The informational version of the build, "1.0.0+&lt;sha&gt;" when it was built from a git checkout.</summary>
    public required string MentiaVersion { get; init; }
    /// <summary>The commit of that build (the part after '+'); null when the build did not know it.</summary>
    public string? Commit { get; init; }
    /// <summary>SHA-256 of specText's UTF-8 bytes, lower-case hex.</summary>
    public required string SpecSha256 { get; init; }
    public required ulong Seed { get; init; }
    /// <summary>The torch devices that trained the runs (cpu, cuda, ...), distinct and sorted.</summary>
    public IReadOnlyList<string> Devices { get; init; } = [];
    /// <summary>CPU threads given to the engine (0: libtorch's default); null where the silos decide.</summary>
    public int? Threads { get; init; }
    public string? TorchSharpVersion { get; init; }
    public string? LibtorchVersion { get; init; }
    public string? DotnetVersion { get; init; }
    public string? Os { get; init; }
    /// <summary>When the sweep started (the first dispatch in a cluster); null when not known.</summary>
    public DateTimeOffset? StartedAt { get; init; }
    /// <summary>When it ended; null while it runs.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>The silos that trained its runs ("local" for `mentia run`), distinct and sorted.</summary>
    public IReadOnlyList<string> Silos { get; init; } = [];

    /// <summary>
    /// The provenance of a cluster sweep: the Mentia and runtime of the silo answering (a cluster runs one image), the
    /// devices and silos its ledger's stored models name, and its submission and finishing times. Threads are each
    /// silo's own setting, so none is claimed.
    /// </summary>
    public static Provenance ForCluster(string specText, ulong seed, IEnumerable<Core.Ledger.StoredModel> models, string mentiaVersion,
        (string TorchSharp, string Libtorch, string Dotnet, string Os) runtime, DateTimeOffset startedAt, DateTimeOffset? finishedAt)
    {
        var list = models.ToList();
        return Of(specText, seed, mentiaVersion, runtime, list.Select(m => m.Device), list.Select(m => m.Worker), startedAt, finishedAt, threads: null);
    }

    /// <summary>
    /// A sweep's provenance from what every runner knows: the spec's text (hashed) and seed, the build, the runtime, the
    /// devices and silos that trained its runs (empty names dropped; distinct and sorted), its times and, where one
    /// process decided it, the engine's thread count.
    /// </summary>
    public static Provenance Of(string specText, ulong seed, string mentiaVersion, (string TorchSharp, string Libtorch, string Dotnet, string Os) runtime,
        IEnumerable<string> devices, IEnumerable<string> silos, DateTimeOffset? startedAt, DateTimeOffset? finishedAt, int? threads) => new()
    {
        MentiaVersion = mentiaVersion,
        Commit = CommitOf(mentiaVersion),
        SpecSha256 = HashSpec(specText),
        Seed = seed,
        Devices = Names(devices),
        Threads = threads,
        TorchSharpVersion = runtime.TorchSharp,
        LibtorchVersion = runtime.Libtorch,
        DotnetVersion = runtime.Dotnet,
        Os = runtime.Os,
        StartedAt = startedAt,
        FinishedAt = finishedAt,
        Silos = Names(silos),
    };

    private static string[] Names(IEnumerable<string> names) => names.Where(n => n.Length > 0).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>The SHA-256 of a spec text as <see cref="SpecSha256"/> holds it.</summary>
    public static string HashSpec(string specText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(specText)));

    /// <summary>The commit in an informational version "1.0.0+sha" (null without '+').</summary>
    public static string? CommitOf(string version) =>
        version.IndexOf('+') is var i and >= 0 && i < version.Length - 1 ? version[(i + 1)..] : null;
}
