using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Mentia.Grains.Placement;

public static class PlacementHosting
{
    /// <summary>Advertises this silo's role in its metadata and registers the accelerator placement filter.</summary>
    public static ISiloBuilder UseAcceleratorPlacement(this ISiloBuilder silo, string role, bool fallBackToAnySilo = true)
    {
        silo.UseSiloMetadata(new Dictionary<string, string> { [AcceleratorPlacement.RoleKey] = role });
        silo.Services.AddPlacementFilter<AcceleratorPlacementFilterStrategy, AcceleratorPlacementFilterDirector>(ServiceLifetime.Singleton);
        silo.Services.Configure<AcceleratorPlacementOptions>(o => o.FallBackToAnySilo = fallBackToAnySilo);
        return silo;
    }
}
