namespace Mentia.Storage;
internal static class AssemblyMarker { }
