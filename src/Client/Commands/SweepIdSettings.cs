using System.ComponentModel;
using Mentia.Client.Infrastructure;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

/// <summary>Settings of commands about one sweep.</summary>
public class SweepIdSettings : ClusterSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("Sweep id, as `mentia submit` printed it (see `mentia list`).")]
    public string Id { get; init; } = "";

    /// <summary>
    /// The id is checked before any connection: an id that no sweep can have ('../../etc', an empty one)
    /// is bad input naming the rule, not a storage exception from deep inside the cluster.
    /// </summary>
    public override ValidationResult Validate() =>
        SweepIds.Validate(Id) is { } problem ? ValidationResult.Error(InvalidId(Id, problem)) : base.Validate();

    /// <summary>"ID: '../../etc' is not a sweep id: '/' is not allowed; allowed: ..."; the message of every command that takes an id.</summary>
    internal static string InvalidId(string id, string problem) => $"ID: {SweepIds.Quote(id)} is not a sweep id: {problem}; allowed: {SweepIds.Allowed}";

    /// <summary>The sweep grain, after checking the sweep exists.</summary>
    public async Task<ISweepControl> SweepAsync(ClusterConnection cluster, CancellationToken ct)
    {
        var sweep = cluster.Client.GetGrain<ISweepControl>(Id);
        if (await sweep.GetSpecText().WaitAsync(ct) is null)
        {
            throw new UserInputException($"ID: no sweep '{Id}' in this cluster (see `mentia list`)");
        }
        return sweep;
    }
}
