using System.Net;
using System.Net.Sockets;

namespace Mentia.Client.Infrastructure;

/// <summary>
/// Where a cluster command looks for a gateway, and where that choice came from (--gateway,
/// $MENTIA_GATEWAY, the membership table, or the default), so a failure can say both.
/// </summary>
public sealed record GatewayTarget(string? Address, string Origin)
{
    /// <summary>The gateway when nothing names one: a silo started on this machine by `./build.sh --target=Silo`.</summary>
    public const string DefaultAddress = "127.0.0.1:30000";

    /// <summary>The option, else $MENTIA_GATEWAY, else the membership table when a storage connection is set, else the default.</summary>
    public static GatewayTarget Choose(string? option, string? environment, string? storage) =>
        option is { Length: > 0 } ? new(option, "from --gateway")
        : environment is { Length: > 0 } ? new(environment, "from $MENTIA_GATEWAY")
        : storage is { Length: > 0 } ? new(null, "the membership table in $MENTIA_STORAGE_CONNECTION")
        : new(DefaultAddress, "the default");

    /// <summary>Words for messages: "127.0.0.1:30000 (from --gateway)", "127.0.0.1:30000 (the default)".</summary>
    public string Describe() => Address is null ? Origin : $"{Address} ({Origin})";

    /// <summary>
    /// The address as an endpoint (null for the membership table). A malformed address is bad input
    /// (exit 2); a well-formed one whose host does not resolve is an unreachable cluster (exit 1).
    /// </summary>
    public async Task<IPEndPoint?> ResolveAsync(CancellationToken ct)
    {
        if (Address is null)
        {
            return null;
        }
        if (IPEndPoint.TryParse(Address, out var ep) && ep.Port > 0)
        {
            return ep;
        }
        var colon = Address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(Address[(colon + 1)..], out var port) || port is <= 0 or >= 65536)
        {
            throw new UserInputException($"{OriginName}: '{Address}' is not HOST:PORT with a port in [1, 65535] (e.g. {DefaultAddress})", OriginName);
        }
        var host = Address[..colon];
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            addresses = [];
        }
        if (addresses.Length == 0)
        {
            throw new ClusterUnavailableException($"the gateway host '{host}' of {Describe()} cannot be resolved; {Advice}");
        }
        return new IPEndPoint(addresses[0], port);
    }

    /// <summary>How to point a command elsewhere, for the end of every failure message.</summary>
    public const string Advice = "start a silo (./build.sh --target=Silo) or name a gateway with --gateway HOST:PORT or $MENTIA_GATEWAY";

    // "--gateway" or "$MENTIA_GATEWAY": the field a malformed address is reported under.
    private string OriginName => Origin == "from $MENTIA_GATEWAY" ? "$MENTIA_GATEWAY" : "--gateway";
}
