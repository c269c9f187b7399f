namespace Mentia.Grains;

/// <summary>Names shared by the silo host and the grains.</summary>
public static class MentiaStorage
{
    /// <summary>The grain storage provider holding sweep state (cells and lines rebuild from stored records).</summary>
    public const string GrainState = "mentia";
}
