using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Mentia.Client.Infrastructure;
using Mentia.GrainInterfaces;
using Mentia.Security;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Grains.Tests;

/// <summary>
/// Mutual TLS with real silo processes (cluster mode, Azurite): two silos with certificates from a
/// throwaway CA form a cluster; a client with a certificate from that CA calls grains; a client without
/// TLS, or with a certificate from another CA, is refused; the silo port admits only silo certificates;
/// the client refuses a gateway whose certificate is from another CA.
/// </summary>
[Collection("azurite")]
public class ClusterTlsTests(TestAzurite azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan RefusalBound = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task A_tls_cluster_admits_only_silos_and_clients_with_certificates_from_its_ca()
    {
        var ca = TestCertificates.NewCa("mentia-test-ca");
        var other = TestCertificates.NewCa("other-ca");
        var clusterId = "tls-" + Guid.NewGuid().ToString("N")[..8];
        var silos = new List<SiloProcess>();
        try
        {
            var first = ca.Environment(ca.Silo("mentia-silo-1"), "silo-1");
            first["MENTIA_DASHBOARD"] = "false";
            silos.Add(await SiloProcess.StartAsync(azurite.ConnectionString, clusterId, environment: first));
            // The second silo joins only if the two can talk: silo-to-silo connections are TLS both ways.
            silos.Add(await SiloProcess.StartAsync(azurite.ConnectionString, clusterId, environment: ca.Environment(ca.Silo("mentia-silo-2"), "silo-2")));
            var gateway = new IPEndPoint(IPAddress.Loopback, silos[0].GatewayPort);
            output.WriteLine(silos[0].Log);
            Assert.Contains("mutual TLS on: certificate 'CN=mentia-silo-1'", silos[0].Log, StringComparison.Ordinal);

            // A client whose certificate the CA signed (PKCS#12 here; the silos use PEM) connects and calls grains.
            var client = ClusterTls.Load(new TlsSettings(ca.WritePfx(ca.Client(), "client", "secret"), null, ca.CaPath, "secret"), TlsRole.Client);
            await using (var connection = await ConnectAsync(clusterId, gateway, client, TimeSpan.FromSeconds(60)))
            {
                var hosts = await connection.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
                Assert.Equal(2, hosts.Count);
                Assert.NotNull(await connection.Client.GetGrain<ISweepRegistryGrain>(0).List());
            }

            // Refused: a client without TLS.
            await AssertRefusedAsync(clusterId, gateway, tls: null, "a client without TLS");
            // Refused: a client certificate from another CA, though the client itself trusts the silos' CA.
            var bothCas = Path.Combine(other.Folder, "both.crt");
            File.WriteAllText(bothCas, File.ReadAllText(ca.CaPath) + "\n" + File.ReadAllText(other.CaPath));
            var (foreignCert, foreignKey) = other.WritePem(other.Client("intruder"), "intruder");
            await AssertRefusedAsync(clusterId, gateway, ClusterTls.Load(new TlsSettings(foreignCert, foreignKey, bothCas, null), TlsRole.Client), "a client certificate from another CA");
            await AssertLogsAsync(silos[0], "refused a TLS connection on the gateway port: 'CN=intruder' is not valid under the CA");

            // The ports themselves, handshake by handshake.
            var gatewayHandshake = await HandshakeAsync(silos[0].GatewayPort, ca.Client("probe"));
            Assert.True(gatewayHandshake.Ok, gatewayHandshake.Error);
            Assert.Equal("CN=mentia-silo-1", gatewayHandshake.Server);
            Assert.False((await HandshakeAsync(silos[0].GatewayPort, clientCertificate: null)).Ok, "the gateway admitted a client without a certificate");
            Assert.False((await HandshakeAsync(silos[0].GatewayPort, other.Client("probe"))).Ok, "the gateway admitted a certificate from another CA");
            Assert.False((await HandshakeAsync(silos[0].SiloPort, ca.Client("probe"))).Ok, "the silo port admitted a client certificate");
            await AssertLogsAsync(silos[0], "refused a TLS connection on the silo port: 'CN=probe' lacks the Extended Key Usage Server Authentication");
            var siloHandshake = await HandshakeAsync(silos[0].SiloPort, ca.Silo("probe-silo"));
            Assert.True(siloHandshake.Ok, siloHandshake.Error);

            // MENTIA_DASHBOARD=false: no dashboard on the first silo; the second keeps the default (on).
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{silos[0].HttpPort}/dashboard")).StatusCode);
            Assert.True((await http.GetAsync($"http://127.0.0.1:{silos[1].HttpPort}/dashboard")).IsSuccessStatusCode, "the dashboard is on by default");
        }
        finally
        {
            foreach (var s in silos)
            {
                output.WriteLine($"--- silo {s.SiloPort}\n{s.Log}");
                s.Dispose();
            }
        }
    }

    [Fact]
    public async Task The_client_refuses_a_gateway_whose_certificate_is_from_another_ca()
    {
        var ca = TestCertificates.NewCa("mentia-test-ca");
        var other = TestCertificates.NewCa("other-ca");
        // A TLS server on loopback with a silo certificate from the wrong CA that accepts any client.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var impostor = other.Silo("impostor");
        var serverSide = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            await using var ssl = new SslStream(socket.GetStream(), false, (_, _, _, _) => true);
            try
            {
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = impostor, ClientCertificateRequired = true });
                // A client that let the handshake finish goes on to send Orleans' preamble: bytes here mean it accepted the impostor.
                // One that refused the certificate after the handshake (TLS 1.3 lets it finish first) closes instead.
                var buffer = new byte[1];
                return await ssl.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(20)) == 0 ? "refused: closed after the handshake" : "accepted";
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                return "refused in the handshake: " + e.Message;
            }
        });
        var (cert, key) = ca.WritePem(ca.Client(), "client");
        var tls = ClusterTls.Load(new TlsSettings(cert, key, ca.CaPath, null), TlsRole.Client);
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync("impostor", new IPEndPoint(IPAddress.Loopback, port), tls, RefusalBound));
        var verdict = await serverSide.WaitAsync(TimeSpan.FromSeconds(30));
        output.WriteLine(verdict);
        Assert.StartsWith("refused", verdict, StringComparison.Ordinal);
    }

    /// <summary>The silo's log shows <paramref name="line"/> within seconds (it is written as the handshake fails, not before the test's side returns).</summary>
    private static async Task AssertLogsAsync(SiloProcess silo, string line)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!silo.Log.Contains(line, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the silo did not log \"{line}\":\n{silo.Log}");
            await Task.Delay(100);
        }
    }

    private static Task<ClusterConnection> ConnectAsync(string clusterId, IPEndPoint gateway, ClusterTls? tls, TimeSpan bound)
    {
        var cts = new CancellationTokenSource(bound);
        return ClusterConnection.ConnectAsync(clusterId, clusterId, gateway, storageConnection: null, cts.Token, tls);
    }

    private async Task AssertRefusedAsync(string clusterId, IPEndPoint gateway, ClusterTls? tls, string who)
    {
        try
        {
            await using var connection = await ConnectAsync(clusterId, gateway, tls, RefusalBound);
            // A connection that was let in proves itself with a call; one that got no further than the handshake cannot.
            await connection.Client.GetGrain<ISweepRegistryGrain>(0).List().WaitAsync(RefusalBound);
        }
        catch (Exception e)
        {
            output.WriteLine($"{who}: refused ({e.GetType().Name})");
            return;
        }
        Assert.Fail($"{who} was let in");
    }

    /// <summary>
    /// One TLS 1.2 handshake as a client of <paramref name="port"/>, presenting <paramref name="clientCertificate"/>;
    /// any server certificate is accepted, and its subject kept. Ok: the server kept the connection open.
    /// </summary>
    private static async Task<(bool Ok, string? Server, string Error)> HandshakeAsync(int port, X509Certificate2? clientCertificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        string? server = null; // the subject: the certificate object dies with the stream
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, cert, _, _) =>
        {
            server = cert?.Subject;
            return true;
        });
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "mentia",
                EnabledSslProtocols = SslProtocols.Tls12,
                LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate!,
            }).WaitAsync(TimeSpan.FromSeconds(15));
            // The server may judge the client's certificate after the client's side of the handshake is done:
            // a refused connection is then closed at once; an admitted one waits for, or sends, Orleans' preamble.
            var read = ssl.ReadAsync(new byte[1]).AsTask();
            if (await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(3))) == read && (read.IsFaulted || read.Result == 0))
            {
                return (false, server, read.IsFaulted ? read.Exception!.InnerException!.Message : "closed by the server after the handshake");
            }
            return (true, server, "");
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return (false, server, e.Message);
        }
    }
}
