namespace Mentia.GrainInterfaces;
internal static class AssemblyMarker { }
