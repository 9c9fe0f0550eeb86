using Chainweave.Consensus.Tests.Simulation;

namespace Chainweave.Consensus.Tests.Tbft;

public sealed class FaultToleranceTests
{
    [Fact]
    public void Three_of_four_go_on_after_the_proposer_crashed()
    {
        using var network = new SimNetwork(TestChain.Create(4));

        // Node 1 proposes height 1 (round 0); it never starts.
        foreach (var node in network.Nodes.Where(n => n.Index != 1))
        {
            node.Start();
        }

        for (var height = 1UL; height <= 3; height++)
        {
            network.Submit(2, $"h{height}", 0, 2, 3);
            Assert.True(network.RunUntil(() => network.AllCommitted(height, 0, 2, 3), 20_000), $"height {height} stalled");
        }

        Assert.Equal(1, network.Nodes[0].Replica is null ? -1 : (int)network.Nodes[0].Ledger.GetBlock(1)!.Certificate.Round);
        Assert.Empty(network.Safety.Violations);
    }

    [Fact]
    public void Partition_two_two_commits_nothing_and_resumes_after_heal()
    {
        using var network = SimNetwork.Start();
        network.Submit(2, "before");
        Assert.True(network.RunUntil(() => network.AllCommitted(1), 5_000));

        var split = Faults.Partition([0, 1], [2, 3]);
        network.Rules.Add(split);
        network.Submit(2, "during");
        network.RunFor(60_000);
        Assert.All(network.Nodes, n => Assert.Equal(1UL, n.CommittedHeight));

        network.Rules.Remove(split);
        var healedAt = network.Clock.NowMs;
        Assert.True(network.RunUntil(() => network.AllCommitted(2), 30_000));

        // Capped timeouts: once the quorum is back, the next commit is within about one capped round.
        Assert.True(network.Clock.NowMs - healedAt <= 12_000, $"resumed after {network.Clock.NowMs - healedAt} ms");
        Assert.Empty(network.Safety.Violations);
        Assert.Empty(network.Signatures.Violations);
    }

    [Fact]
    public void An_isolated_validator_rejoins_and_catches_up_through_sync()
    {
        using var network = SimNetwork.Start();
        var isolation = Faults.Isolate(3);
        network.Rules.Add(isolation);
        for (var height = 1UL; height <= 4; height++)
        {
            network.Submit(1, $"h{height}");
            Assert.True(network.RunUntil(() => network.AllCommitted(height, 0, 1, 2), 20_000), $"height {height} stalled");
        }

        Assert.Equal(0UL, network.Nodes[3].CommittedHeight);
        network.Rules.Remove(isolation);
        Assert.True(network.RunUntil(() => network.Nodes[3].CommittedHeight >= 4, 20_000));
        Assert.True(network.Nodes[3].BehindEvents > 0);

        network.Submit(1, "after");
        Assert.True(network.RunUntil(() => network.AllCommitted(5), 20_000));
        Assert.Empty(network.Safety.Violations);
    }

    [Fact]
    public void A_validator_one_height_behind_catches_up_from_the_last_commit_without_sync()
    {
        using var network = SimNetwork.Start();
        foreach (var node in network.Nodes)
        {
            node.AutoSync = false;
        }

        // Node 3 never hears the precommits of height 1; the others commit and move on.
        var lostPrecommits = Faults.DropWhere(m => m.To == 3 && m.IsPrecommit && m.Height == 1);
        network.Rules.Add(lostPrecommits);
        network.Submit(1, "h1");
        Assert.True(network.RunUntil(() => network.AllCommitted(1, 0, 1, 2), 5_000));
        Assert.Equal(0UL, network.Nodes[3].CommittedHeight);

        network.Rules.Remove(lostPrecommits);
        Assert.True(network.RunUntil(() => network.AllCommitted(1), 10_000));
        Assert.Empty(network.Safety.Violations);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void Heavy_loss_duplication_and_reordering_never_fork_and_still_commit(int seed)
    {
        using var network = SimNetwork.Start(seed: seed);
        network.Rules.Add(Faults.RandomLoss(0.3));
        network.Rules.Add(Faults.RandomDuplicate(0.2));
        network.Rules.Add(Faults.RandomDelay(1, 400));
        for (var height = 1UL; height <= 3; height++)
        {
            network.Submit(2, $"h{height}");
            Assert.True(network.RunUntil(() => network.AllCommitted(height), 120_000), $"height {height} stalled");
        }

        Assert.Empty(network.Safety.Violations);
        Assert.Empty(network.Signatures.Violations);
    }
}
