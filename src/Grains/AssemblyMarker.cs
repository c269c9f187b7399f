namespace Mentia.Grains;
internal static class AssemblyMarker { }
