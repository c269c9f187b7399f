namespace Mentia.Core.Data;

/// <summary>A data file that is missing, truncated, corrupt or not what it claims to be. The message names the file.</summary>
public sealed class DataFormatException(string message) : Exception(message);
