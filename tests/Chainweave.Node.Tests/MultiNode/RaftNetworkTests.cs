using Chainweave.Api.Rpc;
using Chainweave.Sdk;

namespace Chainweave.Node.Tests.MultiNode;

/// <summary>Three real nodes on Raft over loopback: a transaction sent to any node commits on all of them.</summary>
public sealed class RaftNetworkTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_transaction_submitted_to_a_follower_commits_on_every_node()
    {
        await using var net = await MultiNodeNetwork.StartAsync("raft", nodes: 3);
        var builder = net.Builder();
        for (var i = 0; i < net.Count; i++)
        {
            using var client = net.Client(i);
            var tx = EvidenceClient.BuildPut(builder, $"raft-doc-{i}", "abcd", null);
            var answer = await client.SubmitAsync(tx, wait: true, Timeout);
            Assert.Equal(SubmitStatus.Committed, answer.Status);
        }

        var height = await HeightAsync(net, 0);
        await net.WaitForHeightAsync(height, Timeout);
        for (var h = 1UL; h <= height; h++)
        {
            var hashes = new HashSet<string>();
            for (var i = 0; i < net.Count; i++)
            {
                using var client = net.Client(i);
                hashes.Add(Convert.ToHexString((await client.GetBlockAsync(h)).Hash.Span));
            }

            Assert.Single(hashes);
        }

        using var any = net.Client(2);
        var info = await any.GetChainInfoAsync();
        Assert.Equal((uint)2, info.PeerCount);
    }

    private static async Task<ulong> HeightAsync(MultiNodeNetwork net, int index)
    {
        using var client = net.Client(index);
        return (await client.GetChainInfoAsync()).Height;
    }
}
