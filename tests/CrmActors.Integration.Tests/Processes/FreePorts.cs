using System.Net;
using System.Net.Sockets;

namespace CrmActors.Integration.Tests.Processes;

/// <summary>Loopback ports no one is listening on, so parallel runs and leftovers never collide.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
