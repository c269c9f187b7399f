using Mentia.Core.Ledger;

namespace Mentia.GrainInterfaces;

/// <summary>What a resume did: the plan (what is kept, what is still to do) and the progress after it.</summary>
[GenerateSerializer, Immutable, Alias("mentia.SweepResumed")]
public sealed record SweepResumed(
    [property: Id(0)] SweepProgress Progress,
    [property: Id(1)] ResumePlan Plan);
