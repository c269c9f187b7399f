using Mentia.Grains.Placement;

namespace Mentia.Silo;

/// <summary>Which role a silo advertises: explicit, or gpu exactly when its device resolves to CUDA.</summary>
public static class SiloRole
{
    public static string Resolve(string role, string device) => role switch
    {
        "gpu" => AcceleratorPlacement.GpuRole,
        "cpu" => AcceleratorPlacement.CpuRole,
        _ => device == "cpu" ? AcceleratorPlacement.CpuRole : (Mentia.Training.TorchRuntime.ResolveDevice(device).type == TorchSharp.DeviceType.CUDA ? AcceleratorPlacement.GpuRole : AcceleratorPlacement.CpuRole),
    };
}
