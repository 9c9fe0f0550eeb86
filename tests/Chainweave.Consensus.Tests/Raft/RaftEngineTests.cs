using System.Net.Sockets;
using Chainweave.Consensus.Raft;
using Chainweave.Core.Errors;
using Xunit.Abstractions;

namespace Chainweave.Consensus.Tests.Raft;

public sealed class RaftEngineTests
{
    private readonly TestOutputLoggerFactory _logs;

    public RaftEngineTests(ITestOutputHelper output)
    {
        _logs = new TestOutputLoggerFactory(output);
    }

    [Fact]
    public async Task Three_members_commit_identical_blocks()
    {
        await using var cluster = new RaftTestCluster(_logs);
        cluster.StartAll();

        var txs = cluster.Submit(6);
        await Task.WhenAll(cluster.Nodes.Select(node => node.WaitForTxsAsync(txs)));

        var height = cluster.Nodes[0].Height;
        Assert.True(height >= 3, $"six transactions at two per block need at least three blocks, got {height}");
        await Task.WhenAll(cluster.Nodes.Select(node => node.WaitForHeightAsync(height)));
        AssertSameChain(cluster.Nodes, height);
        foreach (var node in cluster.Nodes)
        {
            AssertEachHeightOnce(node);
        }

        // Only the leader built blocks; it applies them without executing again, the others re-execute.
        var leader = Assert.Single(cluster.Nodes, node => node.Engine!.IsLeader);
        Assert.All(Enumerable.Range(1, (int)height), h => Assert.Same(leader, cluster.ProposerOf(leader, (ulong)h)));
        Assert.Equal(0, leader.Pool.ResolveCalls);
        Assert.All(cluster.Nodes.Where(node => node != leader), node => Assert.Equal(6, node.Pool.ResolveCalls));
        Assert.All(cluster.Nodes, node => Assert.Equal(leader.Endpoint, node.Engine!.LeaderEndpoint));
    }

    [Fact]
    public async Task A_new_leader_continues_after_the_leader_stops_and_keeps_every_committed_block()
    {
        await using var cluster = new RaftTestCluster(_logs);
        cluster.StartAll();
        var first = cluster.Submit(4);
        await Task.WhenAll(cluster.Nodes.Select(node => node.WaitForTxsAsync(first)));
        var before = cluster.Nodes[0].Height;
        var oldLeader = cluster.ProposerOf(cluster.Nodes[0], before);
        var kept = Enumerable.Range(1, (int)before).Select(h => oldLeader.Ledger.GetBlockBytes((ulong)h)!).ToArray();

        await oldLeader.StopAsync();
        var survivors = cluster.Nodes.Where(node => node != oldLeader).ToArray();
        var second = cluster.Submit(4, survivors);
        await Task.WhenAll(survivors.Select(node => node.WaitForTxsAsync(second)));

        var after = survivors.Max(node => node.Height);
        await Task.WhenAll(survivors.Select(node => node.WaitForHeightAsync(after)));
        Assert.True(after > before);
        AssertSameChain(survivors, after);
        for (var h = 1; h <= kept.Length; h++)
        {
            Assert.Equal(kept[h - 1], survivors[0].Ledger.GetBlockBytes((ulong)h));
        }

        Assert.NotSame(oldLeader, cluster.ProposerOf(survivors[0], after));
        foreach (var node in survivors)
        {
            AssertEachHeightOnce(node);
        }
    }

    [Fact]
    public async Task Stopping_the_leader_with_blocks_in_flight_loses_and_repeats_no_transaction()
    {
        await using var cluster = new RaftTestCluster(_logs);
        cluster.StartAll();
        var txs = cluster.Submit(8);
        await cluster.Nodes[0].WaitForHeightAsync(1);
        var leader = cluster.ProposerOf(cluster.Nodes[0], 1);

        await leader.StopAsync();
        var survivors = cluster.Nodes.Where(node => node != leader).ToArray();
        await Task.WhenAll(survivors.Select(node => node.WaitForTxsAsync(txs)));

        var height = survivors.Max(node => node.Height);
        await Task.WhenAll(survivors.Select(node => node.WaitForHeightAsync(height)));
        AssertSameChain(survivors, height);
        var committed = Enumerable.Range(1, (int)height)
            .SelectMany(h => survivors[0].Ledger.GetBlockResults((ulong)h))
            .Select(result => Convert.ToHexString(result.TxId.Span))
            .ToList();
        Assert.Equal(txs.Count, committed.Count);
        Assert.Equal(txs.Select(tx => Convert.ToHexString(tx.TxId)).Order(), committed.Order());
        foreach (var node in survivors)
        {
            AssertEachHeightOnce(node);
        }
    }

    [Fact]
    public async Task A_restarted_member_catches_up_from_the_log_and_the_leader()
    {
        await using var cluster = new RaftTestCluster(_logs);
        cluster.StartAll();
        var first = cluster.Submit(2);
        await Task.WhenAll(cluster.Nodes.Select(node => node.WaitForTxsAsync(first)));
        var leader = cluster.ProposerOf(cluster.Nodes[0], cluster.Nodes[0].Height);
        var follower = cluster.Nodes.First(node => node != leader);

        await follower.StopAsync();
        var behind = follower.Height;
        var others = cluster.Nodes.Where(node => node != follower).ToArray();
        var second = cluster.Submit(4, others);
        await Task.WhenAll(others.Select(node => node.WaitForTxsAsync(second)));
        var target = others.Max(node => node.Height);
        Assert.True(target > behind);

        follower.Start();
        await follower.WaitForHeightAsync(target);

        AssertSameChain(cluster.Nodes, target);
        AssertEachHeightOnce(follower);
    }

    [Fact]
    public async Task A_member_that_cannot_re_execute_the_leaders_block_stops_with_a_fault()
    {
        await using var cluster = new RaftTestCluster(_logs);
        cluster.StartAll();
        var warmUp = cluster.Submit(1);
        await Task.WhenAll(cluster.Nodes.Select(node => node.WaitForTxsAsync(warmUp)));
        var leader = cluster.ProposerOf(cluster.Nodes[0], cluster.Nodes[0].Height);
        var dissenter = cluster.Nodes.First(node => node != leader);
        dissenter.Pool.RefuseAll = true;
        var height = dissenter.Height;

        var txs = cluster.Submit(1, leader);
        var others = cluster.Nodes.Where(node => node != dissenter).ToArray();
        await Task.WhenAll(others.Select(node => node.WaitForTxsAsync(txs)));

        var fault = await Assert.ThrowsAsync<ChainError>(() => dissenter.Engine!.Completion.WaitAsync(RaftTestCluster.Patience));
        Assert.Equal(RaftEngine.ConsensusFaultCode, fault.Code);
        Assert.Equal(height, dissenter.Height);
    }

    [Fact]
    public async Task A_member_whose_Raft_port_is_taken_stops_with_PORT_IN_USE()
    {
        await using var cluster = new RaftTestCluster(_logs);
        var node = cluster.Nodes[0];
        using var squatter = new TcpListener(node.Endpoint);
        squatter.Start();

        node.Start();

        var error = await Assert.ThrowsAsync<ChainError>(() => node.Engine!.Completion.WaitAsync(RaftTestCluster.Patience));
        Assert.Equal(ErrorCodes.PortInUse, error.Code);
        Assert.Contains(node.Endpoint.ToString(), error.Message, StringComparison.Ordinal);
    }

    private static void AssertSameChain(IReadOnlyList<RaftTestNode> nodes, ulong height)
    {
        for (var h = 1UL; h <= height; h++)
        {
            var expected = nodes[0].Ledger.GetBlockBytes(h);
            Assert.NotNull(expected);
            foreach (var node in nodes)
            {
                Assert.Equal(expected, node.Ledger.GetBlockBytes(h));
            }
        }
    }

    /// <summary>Heights reported to the listener climb by one: none twice, none skipped.</summary>
    private static void AssertEachHeightOnce(RaftTestNode node)
    {
        var commits = node.Commits.Commits;
        for (var i = 1; i < commits.Count; i++)
        {
            Assert.Equal(commits[i - 1].Height + 1, commits[i].Height);
        }
    }
}
