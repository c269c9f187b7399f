namespace Mentia.Analysis;
internal static class AssemblyMarker { }
