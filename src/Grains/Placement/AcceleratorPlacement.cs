using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Mentia.Grains.Placement;

/// <summary>
/// The placement rule for training: only silos whose metadata says they have an accelerator.
///
/// Orleans' built-in RequiredMatchSiloMetadataPlacementFilter compares candidates with the metadata of
/// the silo doing the placement, so it cannot pin work to GPU silos from a CPU silo; this filter
/// compares with a fixed value instead. When no silo has an accelerator the rule falls back to every
/// silo if <see cref="AcceleratorPlacementOptions.FallBackToAnySilo"/> (the default: a laptop has no GPU),
/// and otherwise returns no silo, so placement fails at once rather than training on the wrong machine.
/// </summary>
public static class AcceleratorPlacement
{
    /// <summary>Silo metadata key that every Mentia silo sets: "gpu" or "cpu".</summary>
    public const string RoleKey = "mentia.role";
    public const string GpuRole = "gpu";
    public const string CpuRole = "cpu";
}

public sealed class AcceleratorPlacementOptions
{
    public bool FallBackToAnySilo { get; set; } = true;
}

/// <summary>Marks a grain class for placement on accelerator silos.</summary>
public sealed class AcceleratorPlacementFilterAttribute(int order = 0)
    : PlacementFilterAttribute(new AcceleratorPlacementFilterStrategy(order));

public sealed class AcceleratorPlacementFilterStrategy(int order) : PlacementFilterStrategy(order)
{
    public AcceleratorPlacementFilterStrategy() : this(0)
    {
    }
}

public sealed class AcceleratorPlacementFilterDirector(ISiloMetadataCache metadata, Microsoft.Extensions.Options.IOptions<AcceleratorPlacementOptions> options)
    : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var candidates = silos.ToList();
        var gpu = candidates.Where(s => metadata.GetSiloMetadata(s).Metadata.GetValueOrDefault(AcceleratorPlacement.RoleKey) == AcceleratorPlacement.GpuRole).ToList();
        if (gpu.Count > 0)
        {
            return gpu;
        }
        return options.Value.FallBackToAnySilo ? candidates : [];
    }
}
