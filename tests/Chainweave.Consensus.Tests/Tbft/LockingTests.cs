using Chainweave.Consensus.Tbft;
using Chainweave.Consensus.Tests.Simulation;
using Google.Protobuf;

namespace Chainweave.Consensus.Tests.Tbft;

public sealed class LockingTests
{
    [Fact]
    public void A_validator_locked_on_a_block_relocks_on_a_later_proof_of_lock_and_no_fork_follows()
    {
        using var network = SimNetwork.Start();

        // Height 1, round 0, proposer node 1. Node 3 never gets the proposal (prevotes nil);
        // node 0's round-0 prevote reaches no one, so only node 0 sees 3 prevotes for the block and locks on it.
        network.Rules.Add(Faults.DropWhere(m => m.Height == 1 && m.Round == 0 && ((m.IsProposal && m.To == 3) || (m.IsPrevote && m.From == 0))));
        network.Submit(2, "h1");

        var node0 = network.Nodes[0];
        Assert.True(network.RunUntil(() => node0.Replica!.Core.LockedRound == 0, 5_000));
        var lockedOn = node0.Replica!.Core.LockedHash!;
        Assert.True(network.RunUntil(() => network.AllCommitted(1), 30_000));

        var committed = ByteString.CopyFrom(network.Chain.Suite.Hash(node0.Ledger.GetBlock(1)!.Header.Span));
        Assert.NotEqual(lockedOn, committed);
        Assert.True(node0.Ledger.GetBlock(1)!.Certificate.Round >= 1);
        Assert.Empty(network.Safety.Violations);
        Assert.Empty(network.Signatures.Violations);
    }

    [Fact]
    public void A_locked_validator_prevotes_nil_for_a_fresh_block_of_a_later_round()
    {
        using var network = SimNetwork.Start();
        network.Rules.Add(Faults.DropWhere(m => m.Height == 1 && m.Round == 0 && ((m.IsProposal && m.To == 3) || (m.IsPrevote && m.From == 0))));
        network.Submit(2, "h1");
        Assert.True(network.RunUntil(() => network.AllCommitted(1), 30_000));

        var lockedOn = network.Signatures.SignedBy(0, 1, 0, step: 2);
        var freshProposal = network.Signatures.SignedBy(2, 1, 1, step: 0);
        Assert.False(string.IsNullOrEmpty(lockedOn));
        Assert.NotNull(freshProposal);
        Assert.StartsWith("-1:", freshProposal, StringComparison.Ordinal);
        Assert.Equal(string.Empty, network.Signatures.SignedBy(0, 1, 1, step: 1));
        Assert.Equal(freshProposal[3..], network.Signatures.SignedBy(1, 1, 1, step: 1));
        Assert.Empty(network.Safety.Violations);
    }
}
