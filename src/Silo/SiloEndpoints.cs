using System.Net;
using Orleans.Configuration;

namespace Mentia.Silo;

/// <summary>Where a cluster-mode silo listens and what it advertises: the settings → Orleans endpoint options mapping.</summary>
public static class SiloEndpoints
{
    /// <summary>
    /// Advertise MENTIA_ADVERTISED_IP and bind the silo and gateway ports to MENTIA_LISTEN_ADDRESS, else to
    /// the advertised address itself (not every address: on a machine with several networks the ports stay
    /// off the ones the cluster does not use).
    /// </summary>
    public static void Apply(EndpointOptions options, SiloSettings settings)
    {
        var listen = settings.ListenAddress ?? settings.AdvertisedIp;
        options.AdvertisedIPAddress = settings.AdvertisedIp;
        options.SiloPort = settings.SiloPort;
        options.GatewayPort = settings.GatewayPort;
        options.SiloListeningEndpoint = new IPEndPoint(listen, settings.SiloPort);
        options.GatewayListeningEndpoint = new IPEndPoint(listen, settings.GatewayPort);
    }
}
