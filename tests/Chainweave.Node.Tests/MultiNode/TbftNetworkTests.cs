using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;
using Chainweave.Consensus.Tbft;
using Chainweave.Core.Crypto;
using Chainweave.Sdk;

namespace Chainweave.Node.Tests.MultiNode;

/// <summary>Four real TBFT validators of four organisations over loopback gRPC with mutual TLS.</summary>
public sealed class TbftNetworkTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Four_validators_commit_the_same_blocks_with_a_quorum_certificate()
    {
        await using var net = await MultiNodeNetwork.StartAsync("tbft", nodes: 4);
        var builder = net.Builder();
        for (var i = 0; i < net.Count; i++)
        {
            using var client = net.Client(i);
            var answer = await client.SubmitAsync(EvidenceClient.BuildPut(builder, $"tbft-doc-{i}", "abcd", null), wait: true, Timeout);
            Assert.Equal(SubmitStatus.Committed, answer.Status);
        }

        using var first = net.Client(0);
        var height = (await first.GetChainInfoAsync()).Height;
        await net.WaitForHeightAsync(height, Timeout);
        var verifier = new CommitCertificateVerifier(net.Network.Genesis, net.Suite);
        for (var h = 1UL; h <= height; h++)
        {
            var hashes = new HashSet<string>();
            for (var i = 0; i < net.Count; i++)
            {
                using var client = net.Client(i);
                var block = await client.GetBlockAsync(h);
                hashes.Add(Convert.ToHexString(block.Hash.Span));
                Assert.Null(verifier.Check(block.Block.Certificate, h, block.Hash.Span));
                Assert.True(block.Block.Certificate.Votes.Count >= 3);
            }

            Assert.Single(hashes);
        }
    }

    [Fact]
    public async Task A_validator_with_peers_and_an_open_client_stream_stops_promptly()
    {
        await using var net = await MultiNodeNetwork.StartAsync("tbft", nodes: 4);
        using var client = net.Client(0);
        var answer = await client.SubmitAsync(EvidenceClient.BuildPut(net.Builder(), "stop-doc", "abcd", null), wait: true, Timeout);
        Assert.Equal(SubmitStatus.Committed, answer.Status);

        // Peer streams and a client's submit stream are requests that never end by themselves; the web
        // server's shutdown used to wait them out for its whole 30 s timeout.
        await using var stream = client.OpenSubmitStream();
        await stream.WriteAsync(EvidenceClient.BuildPut(net.Builder(), "stop-doc-2", "abcd", null), wait: false, Timeout);
        await net.StopNodeAsync(0).WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task With_one_validator_down_the_others_commit_and_it_catches_up_when_back()
    {
        await using var net = await MultiNodeNetwork.StartAsync("tbft", nodes: 4);
        var builder = net.Builder();
        await net.StopNodeAsync(3);
        using (var client = net.Client(0))
        {
            for (var i = 0; i < 3; i++)
            {
                var answer = await client.SubmitAsync(EvidenceClient.BuildPut(builder, $"down-doc-{i}", "abcd", null), wait: true, Timeout);
                Assert.Equal(SubmitStatus.Committed, answer.Status);
            }
        }

        using var live = net.Client(1);
        var height = (await live.GetChainInfoAsync()).Height;
        await net.StartNodeAsync(3);
        await net.WaitForHeightAsync(height, Timeout);
        using var back = net.Client(3);
        var tip = await back.GetBlockAsync(height);
        Assert.Equal((await live.GetBlockAsync(height)).Hash, tip.Hash);
    }
}
