using Microsoft.Extensions.Logging;

namespace Mentia.Silo;

/// <summary>
/// What local mode (localhost clustering, Orleans' development membership) cannot survive, said once at
/// start: the primary silo holds the membership, so it is a single point of failure. Found by hand: with
/// the primary killed a two-silo sweep stalled for minutes, and restarting it made the survivor stop itself
/// ("membership table version decreased"). Cluster mode (Azure Table membership) has no such silo.
/// </summary>
public static class LocalModeWarning
{
    /// <summary>The warning for <paramref name="settings"/>, or null in cluster mode.</summary>
    public static string? For(SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Mode != "local")
        {
            return null;
        }
        var role = settings.Primary is { } primary
            ? $"this silo depends on the primary at {primary}"
            : $"this silo is the primary (127.0.0.1:{settings.SiloPort})";
        return $"local mode (MENTIA_MODE=local, development clustering): {role}, which holds the cluster's membership and is a single point of failure: " +
            "if the primary stops, the other silos stall until it is back, and a restarted primary makes them stop (restart them too); " +
            "use MENTIA_MODE=cluster (Azure Table membership) when any silo must be able to fail";
    }

    /// <summary>Logs <see cref="For"/> as one warning line, when there is one.</summary>
    public static void Log(ILogger logger, SiloSettings settings)
    {
        if (For(settings) is { } text)
        {
#pragma warning disable CA1848, CA2254 // one line at start: a LoggerMessage delegate would add ceremony, not speed
            logger.LogWarning(text);
#pragma warning restore CA1848, CA2254
        }
    }
}
