using System.Net;
using System.Net.Sockets;

namespace Chainweave.TestKit;

/// <summary>
/// A base port whose node ports are all free right now: for each node i (from 0) the gRPC, HTTP, peer
/// and Raft ports base+10i … base+10i+3.
/// </summary>
public static class FreePorts
{
    public static int FindBase() => FindBase(1);

    public static int FindBase(int nodes)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var basePort = Random.Shared.Next(2_000, 5_500) * 10;
            if (AllFree(basePort, nodes))
            {
                return basePort;
            }
        }

        throw new InvalidOperationException($"no free port range found for {nodes} node(s)");
    }

    private static bool AllFree(int basePort, int nodes)
    {
        for (var node = 0; node < nodes; node++)
        {
            for (var offset = 0; offset < 4; offset++)
            {
                if (!IsFree(basePort + (10 * node) + offset))
                {
                    return false;
                }
            }
        }

        return true;
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
