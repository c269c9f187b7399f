namespace Mentia.Core.Sweeps;

/// <summary>How training runs are grouped into batched ensembles: one architecture per ensemble, at most R members, in order.</summary>
public static class EnsembleBatches
{
    public static IEnumerable<IReadOnlyList<TrainingJob>> Of(IEnumerable<TrainingJob> jobs, int maxMembers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMembers, 1);
        foreach (var group in jobs.GroupBy(j => j.Architecture))
        {
            foreach (var chunk in group.Chunk(maxMembers))
            {
                yield return chunk;
            }
        }
    }
}
