using System.Net;
using System.Net.Sockets;

namespace Chainweave.TestKit;

/// <summary>A base port whose gRPC, HTTP and peer ports (base, +1, +2) are all free right now.</summary>
public static class FreePorts
{
    public static int FindBase()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var basePort = Random.Shared.Next(20_000, 30_000) * 2;
            if (IsFree(basePort) && IsFree(basePort + 1) && IsFree(basePort + 2))
            {
                return basePort;
            }
        }

        throw new InvalidOperationException("no three consecutive free ports found");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
