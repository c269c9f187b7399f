using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Mentia.Training;

/// <summary>The engine's library and runtime versions, for the provenance of a sweep's results.</summary>
public static class RuntimeFacts
{
    /// <summary>TorchSharp's informational version (the NuGet package version).</summary>
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The libtorch version TorchSharp was built against and loads (torch.__version__).</summary>
    public static string LibtorchVersion => torch.__version__;

    public static string DotnetVersion => RuntimeInformation.FrameworkDescription;

    public static string Os => $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})";
}
