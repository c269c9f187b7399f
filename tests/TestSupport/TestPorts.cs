using System.Net;
using System.Net.Sockets;

namespace Mentia.TestSupport;

/// <summary>Loopback ports for tests.</summary>
public static class TestPorts
{
    /// <summary>A loopback port nothing listens on: bound by the OS, then released.</summary>
    public static int Closed()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
