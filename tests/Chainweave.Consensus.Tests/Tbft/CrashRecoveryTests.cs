using Chainweave.Api.Consensus;
using Chainweave.Consensus.Tbft;
using Chainweave.Consensus.Tbft.Wal;
using Chainweave.Consensus.Tests.Simulation;

namespace Chainweave.Consensus.Tests.Tbft;

/// <summary>A validator crashes right after sending a message, restarts from its WAL, and never contradicts itself.</summary>
public sealed class CrashRecoveryTests
{
    private static readonly TbftOptions Durable = SimNetwork.DefaultOptions with { DurableWrites = true };

    [Theory]
    [InlineData("proposal", 0)]
    [InlineData("prevote", 0)]
    [InlineData("precommit", 0)]
    [InlineData("proposal", 3_000)]
    [InlineData("prevote", 3_000)]
    [InlineData("precommit", 3_000)]
    public void The_proposer_crashing_after_each_step_replays_its_wal_and_never_signs_a_conflict(string step, long downMs)
    {
        using var network = new SimNetwork(TestChain.Create(4), options: Durable);
        network.StartAll();
        var node = network.Nodes[1];
        node.CrashAfterSending = m => IsOwn(node, m, step);
        network.Submit(2, "h1");
        Assert.True(network.RunUntil(() => !node.IsUp, 5_000));

        network.RunFor(downMs);
        node.Start();
        Assert.True(network.RunUntil(() => network.AllCommitted(1), 30_000));
        network.Submit(2, "h2");
        Assert.True(network.RunUntil(() => network.AllCommitted(2), 30_000));

        Assert.Empty(network.Signatures.Violations);
        Assert.Empty(network.Safety.Violations);
    }

    [Fact]
    public void After_a_restart_the_replayed_state_keeps_the_lock()
    {
        using var network = new SimNetwork(TestChain.Create(4), options: Durable);
        network.StartAll();

        // No precommit gets out, so nobody decides; node 0 locks, precommits, and crashes.
        network.Rules.Add(Faults.DropWhere(m => m.IsPrecommit && m.Height == 1 && m.Round == 0));
        var node = network.Nodes[0];
        node.CrashAfterSending = m => IsOwn(node, m, "precommit");
        network.Submit(2, "h1");
        Assert.True(network.RunUntil(() => !node.IsUp, 5_000));
        var lockedOn = network.Signatures.SignedBy(0, 1, 0, step: 2);

        node.Start();
        Assert.Equal(0, node.Replica!.Core.LockedRound);
        Assert.Equal(lockedOn, Convert.ToHexString(node.Replica.Core.LockedHash!.Span));
        Assert.Equal(TbftStep.Precommit, node.Replica.Core.Step);
    }

    [Fact]
    public void Without_its_wal_a_restarted_validator_is_still_kept_from_signing_a_conflict_by_the_guard()
    {
        using var network = new SimNetwork(TestChain.Create(4), options: Durable);
        network.StartAll();
        var node = network.Nodes[0];
        node.CrashAfterSending = m => IsOwn(node, m, "prevote");
        network.Submit(2, "h1");
        Assert.True(network.RunUntil(() => !node.IsUp, 5_000));
        Assert.False(string.IsNullOrEmpty(network.Signatures.SignedBy(0, 1, 0, step: 1)));

        // The WAL is lost and, for a while, neither the proposal nor the precommits arrive again: the
        // restarted node times out and would prevote nil in round 0, contradicting its prevote for the block.
        File.Delete(Path.Combine(node.WalFolder, TbftWal.FileName));
        var restartedAt = network.Clock.NowMs;
        network.Rules.Add(Faults.DropWhere(m => m.To == 0 && (m.IsProposal || m.IsPrecommit) && m.SentAtMs < restartedAt + 1_500));
        node.Start();
        Assert.True(network.RunUntil(() => network.AllCommitted(1), 30_000));

        Assert.True(node.Replica!.RefusedSignatures > 0);
        Assert.Empty(network.Signatures.Violations);
        Assert.Empty(network.Safety.Violations);
    }

    private static bool IsOwn(SimNode node, ConsensusMessage message, string step) => step switch
    {
        "proposal" => message.Proposal?.Proposer.Equals(node.Id) == true,
        "prevote" => message.Vote is { Type: VoteType.Prevote } vote && vote.Validator.Equals(node.Id),
        _ => message.Vote is { Type: VoteType.Precommit } precommit && precommit.Validator.Equals(node.Id),
    };
}
