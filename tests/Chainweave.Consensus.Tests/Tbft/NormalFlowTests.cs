using Chainweave.Api.Ledger;
using Chainweave.Consensus.Tbft;
using Chainweave.Consensus.Tests.Simulation;

namespace Chainweave.Consensus.Tests.Tbft;

public sealed class NormalFlowTests
{
    [Fact]
    public void Four_validators_commit_several_heights_with_identical_blocks_and_valid_certificates()
    {
        using var network = SimNetwork.Start();
        for (var height = 1UL; height <= 5; height++)
        {
            network.Submit(3, $"h{height}");
            Assert.True(network.RunUntil(() => network.AllCommitted(height), 10_000), $"height {height} was not committed");
        }

        Assert.Empty(network.Safety.Violations);
        Assert.Empty(network.Signatures.Violations);
        Assert.Equal(0, network.InvalidDeliveries);
        for (var height = 1UL; height <= 5; height++)
        {
            var hashes = network.Nodes.Select(n => Convert.ToHexString(network.Chain.Suite.Hash(n.Ledger.GetBlock(height)!.Header.Span))).Distinct().ToList();
            Assert.Single(hashes);
            var block = network.Nodes[0].Ledger.GetBlock(height)!;
            Assert.Equal(3, block.Txs.Count);
            Assert.True(block.Certificate.Votes.Count >= 3);
            Assert.Equal(network.Nodes[(int)(height % 4)].Id, BlockHeader.Parser.ParseFrom(block.Header).Proposer);
        }
    }

    [Fact]
    public void No_block_is_proposed_while_no_transaction_waits()
    {
        using var network = SimNetwork.Start();
        network.RunFor(30_000);
        Assert.All(network.Nodes, n => Assert.Equal(0UL, n.CommittedHeight));
        Assert.All(network.Nodes, n => Assert.Equal(0, n.Replica!.Core.Round));

        network.Submit(1, "late");
        Assert.True(network.RunUntil(() => network.AllCommitted(1), 5_000));
    }

    [Fact]
    public void With_an_empty_block_interval_an_empty_block_is_proposed_after_it()
    {
        var options = SimNetwork.DefaultOptions with { Timeouts = new TbftTimeouts { EmptyBlockInterval = TimeSpan.FromSeconds(10) } };
        using var network = SimNetwork.Start(options: options);
        network.RunFor(9_000);
        Assert.Equal(0UL, network.Nodes[0].CommittedHeight);
        Assert.True(network.RunUntil(() => network.AllCommitted(1), 3_000));
        Assert.Empty(network.Nodes[0].Ledger.GetBlock(1)!.Txs);
    }

    [Fact]
    public void A_round_completes_when_only_another_node_has_transactions()
    {
        using var network = SimNetwork.Start();

        // Height 1 is proposed by node 1; only node 1 holds a transaction, the others wait without timers.
        network.Submit(1, "only-proposer", 1);
        Assert.True(network.RunUntil(() => network.AllCommitted(1), 5_000));
        Assert.Empty(network.Safety.Violations);
    }

    [Fact]
    public void Committed_transactions_leave_every_pool_and_the_listener_hears_each_block()
    {
        using var network = SimNetwork.Start();
        network.Submit(5, "pool");
        Assert.True(network.RunUntil(() => network.AllCommitted(1), 5_000));
        Assert.All(network.Nodes, n => Assert.Equal(0, n.Source.Count));
        Assert.All(network.Nodes, n => Assert.Single(n.Commits));
    }
}
