using System.Net;
using System.Net.Sockets;

namespace Chainweave.Cli.Chaos;

/// <summary>A base port whose node ports (base+10i … base+10i+3 for node i) are all free right now.</summary>
internal static class ChaosPorts
{
    private const int PortsPerNode = 4;

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

        throw new Core.Errors.ChainError(CliErrorCodes.PortInUse, $"found no free range of ports for {nodes} nodes between 20000 and 55000");
    }

    private static bool AllFree(int basePort, int nodes)
    {
        for (var node = 0; node < nodes; node++)
        {
            for (var offset = 0; offset < PortsPerNode; offset++)
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
