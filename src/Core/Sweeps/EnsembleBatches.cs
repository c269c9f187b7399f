using Mentia.Core.Specs;

namespace Mentia.Core.Sweeps;

/// <summary>How a sweep's training runs are grouped into batched ensembles: by <see cref="EnsembleKey"/>, at most R members, in order.</summary>
public static class EnsembleBatches
{
    public static IEnumerable<IReadOnlyList<TrainingRun>> Of(IEnumerable<TrainingRun> runs, TrainingSettings settings, int maxMembers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMembers, 1);
        foreach (var group in runs.GroupBy(r => EnsembleKey.Of(r, settings)))
        {
            foreach (var chunk in group.Chunk(maxMembers))
            {
                yield return chunk;
            }
        }
    }
}
