using Mentia.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace Mentia.Silo;

/// <summary>Mutual TLS on a silo's three kinds of connection, each admitting only the peers it is for.</summary>
public static class SiloTls
{
    /// <summary>
    /// What Orleans' UseTls does, but with a peer check per direction rather than one for all: the silo port
    /// admits only silo certificates (server and client usage), so a client's certificate cannot pass for a
    /// silo there; the gateway admits client certificates; outbound, the silo checks that it reached a silo.
    /// </summary>
    public static ISiloBuilder UseMentiaTls(this ISiloBuilder silo, ClusterTls tls)
    {
        silo.Services.AddOptions<SiloConnectionOptions>().Configure<ILoggerFactory>((connections, loggers) =>
        {
            var log = loggers.CreateLogger("Mentia.Silo.Tls");
            TlsOptions For(TlsRole peer, string port)
            {
                var options = new TlsOptions();
                tls.Configure(options, peer, problem => log.LogWarning("refused a TLS connection on the {Port}: {Problem}", port, problem));
                return options;
            }
            var fromSilos = For(TlsRole.Silo, "silo port");
            var fromClients = For(TlsRole.Client, "gateway port");
            var toSilos = For(TlsRole.Silo, "connection to another silo");
            connections.ConfigureSiloInboundConnection(c => c.UseServerTls(fromSilos));
            connections.ConfigureGatewayInboundConnection(c => c.UseServerTls(fromClients));
            connections.ConfigureSiloOutboundConnection(c => c.UseClientTls(toSilos));
        });
        return silo;
    }
}
