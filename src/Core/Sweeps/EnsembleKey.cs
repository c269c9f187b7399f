using Mentia.Core.Specs;

namespace Mentia.Core.Sweeps;

/// <summary>
/// Which training runs may share a batched ensemble: the same architecture and the same training
/// settings. The one definition of the rule: `mentia run` and every silo's device queue group by it, which
/// is why a cluster's numbers equal a one-process run's (a member's numbers never depend on its companions,
/// but members must share shapes and the schedule).
/// </summary>
public readonly record struct EnsembleKey(Architecture Architecture, TrainingSettings Settings)
{
    public static EnsembleKey Of(TrainingRun run, TrainingSettings settings) => new(run.Architecture, settings);
}
