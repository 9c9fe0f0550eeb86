using Chainweave.Api.Ledger;
using Chainweave.Consensus.Tbft;
using Chainweave.Consensus.Tests.Simulation;

namespace Chainweave.Consensus.Tests.Tbft;

/// <summary>
/// The livelock of a loaded machine: a full block takes longer to reach and be checked by the validators
/// than any propose timeout, so every round at full size fails. Proposers that size their blocks from
/// what checking one cost them keep the network committing.
/// </summary>
public sealed class ProposalSizingTests
{
    // Virtual cost per transaction of a proposal: on its way (built, sent, received) and when a validator checks it.
    private const long ArrivalMsPerTx = 2;
    private const long CheckMsPerTx = 1;

    [Fact]
    public void A_network_whose_full_blocks_outlast_every_propose_timeout_still_commits_the_whole_backlog()
    {
        using var network = SimNetwork.Start();
        var backlog = network.Submit(TbftOptions.TbftMaxTxsPerBlock, "backlog");

        // A full block would arrive 8 s after it is proposed: later than the capped 5 s propose timeout of any round.
        Assert.True(ArrivalMsPerTx * TbftOptions.TbftMaxTxsPerBlock > new TbftTimeouts().Cap.TotalMilliseconds);
        network.Rules.Add(new SlowProposals());
        foreach (var node in network.Nodes)
        {
            node.Source.WhileResolving = () => network.Clock.Advance(CheckMsPerTx);
        }

        Assert.True(
            network.RunUntil(() => network.Nodes.TrueForAll(n => CommittedTxs(n) == backlog.Count), 600_000),
            $"committed txs per node: {string.Join(", ", network.Nodes.ConvertAll(CommittedTxs))}");

        Assert.Empty(network.Safety.Violations);
        Assert.Empty(network.Signatures.Violations);

        // Once a node measured what checking a block costs, it proposes what fits in a third of the 1 s
        // propose timeout at that cost, and the height is decided in its first round.
        var budget = (int)(new TbftTimeouts().Propose.TotalMilliseconds / 3 / CheckMsPerTx);
        var node0 = network.Nodes[0];
        for (var height = 2UL; height <= node0.CommittedHeight; height++)
        {
            var block = node0.Ledger.GetBlock(height)!;
            Assert.InRange(block.Txs.Count, 1, budget);
            Assert.Equal(0U, block.Certificate.Round);
        }

        Assert.All(network.Nodes, n => Assert.Equal(1.0, n.Replica!.Sizer.CostPerTxMs!.Value, 3));
    }

    private static int CommittedTxs(SimNode node)
    {
        var total = 0;
        foreach (var block in node.Commits)
        {
            total += block.TxIds.Count;
        }

        return total;
    }

    /// <summary>A proposal's delivery takes time in proportion to its transactions.</summary>
    private sealed class SlowProposals : IFaultRule
    {
        public Fate? Decide(SimMessage message, Random random) =>
            message.IsProposal ? Fate.After(message.Message.Proposal.Block.Txs.Count * ArrivalMsPerTx) : null;
    }
}
