namespace Mentia.Client.Infrastructure;

/// <summary>No gateway answered (or its host cannot be resolved). Exit code 1; the message names the gateway and where it came from.</summary>
public sealed class ClusterUnavailableException(string message) : Exception(message);
