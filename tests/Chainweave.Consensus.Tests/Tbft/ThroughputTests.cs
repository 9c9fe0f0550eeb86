using Chainweave.Consensus.Tbft;
using Chainweave.Consensus.Tests.Simulation;

namespace Chainweave.Consensus.Tests.Tbft;

/// <summary>Rules that keep large blocks flowing: slow validation is not a timeout, and heights follow each other without a pause.</summary>
public sealed class ThroughputTests
{
    [Fact]
    public void Validators_whose_validation_outlasts_the_propose_timeout_still_prevote_for_the_block()
    {
        using var network = SimNetwork.Start();
        network.Submit(3, "slow");
        var proposer = network.Validators.ProposerIndex(1, 0);
        foreach (var node in network.Nodes)
        {
            // Each transaction of a peer's proposal takes 1.5 s of virtual time to check: 4.5 s per block, far past the 1 s propose timeout.
            node.Source.WhileResolving = () => network.Clock.AdvanceTo(network.Clock.NowMs + 1_500);
        }

        Assert.True(network.RunUntil(() => network.AllCommitted(1), 30_000));

        foreach (var node in network.Nodes)
        {
            Assert.False(string.IsNullOrEmpty(network.Signatures.SignedBy(node.Index, 1, 0, step: 1)), $"node {node.Index} prevoted nil at round 0");
            Assert.Equal(3, node.Ledger.GetBlock(1)!.Txs.Count);
        }

        Assert.Equal(0, network.Nodes[proposer].Replica!.Core.Round);
        Assert.Empty(network.Safety.Violations);
    }

    [Fact]
    public void With_transactions_waiting_the_next_height_is_proposed_right_after_a_commit()
    {
        using var network = SimNetwork.Start(options: SimNetwork.DefaultOptions with { MaxTxsPerBlock = 10 });
        network.Submit(30, "backlog");

        // Three blocks of ten: no propose, prevote or empty-block timeout (the shortest is 500 ms) may sit between them.
        Assert.True(network.RunUntil(() => network.AllCommitted(3), 200));
        Assert.All(network.Nodes, node => Assert.Equal(10, node.Ledger.GetBlock(3)!.Txs.Count));
    }

    [Fact]
    public void The_block_size_of_the_chain_config_is_capped_for_tbft()
    {
        Assert.Equal(TbftOptions.TbftMaxTxsPerBlock, new TbftOptions { WalFolder = "x", MaxTxsPerBlock = 10_000 }.MaxTxsPerBlock);
        Assert.Equal(500, new TbftOptions { WalFolder = "x", MaxTxsPerBlock = 500 }.MaxTxsPerBlock);
    }
}
