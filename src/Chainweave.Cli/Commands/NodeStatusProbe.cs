using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;
using Chainweave.Sdk;

namespace Chainweave.Cli.Commands;

/// <summary>What one node of the network folder answers right now, or that it does not.</summary>
internal sealed record NodeStatus(NodeEntry Node, bool Up, ulong Height, uint Peers);

/// <summary>Asks every node of a network folder for its chain info at once, each with a short deadline.</summary>
internal static class NodeStatusProbe
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1.5);

    public static async Task<IReadOnlyList<NodeStatus>> ProbeAsync(NetworkManifest network, CancellationToken ct)
    {
        var probes = new Task<NodeStatus>[network.Nodes.Count];
        for (var i = 0; i < probes.Length; i++)
        {
            probes[i] = ProbeOneAsync(network.Nodes[i], ct);
        }

        return await Task.WhenAll(probes).ConfigureAwait(false);
    }

    private static async Task<NodeStatus> ProbeOneAsync(NodeEntry node, CancellationToken ct)
    {
        using var client = new ChainClient(node.Grpc, node.Name);
        try
        {
            var info = await client.GetChainInfoAsync(Deadline, ct).ConfigureAwait(false);
            return new NodeStatus(node, true, info.Height, info.PeerCount);
        }
        catch (ChainError)
        {
            return new NodeStatus(node, false, 0, 0);
        }
    }
}
