using Chainweave.Api.Consensus;
using Chainweave.Api.Ledger;
using Chainweave.Consensus.Tests.Simulation;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.Running;
using Chainweave.Execution.SystemContracts;
using Chainweave.Storage.Ledger;
using Google.Protobuf;

namespace Chainweave.Consensus.Tests.Tbft;

/// <summary>Node 1 is faulty: it proposes height 1 (round 0) and the test speaks for it.</summary>
public sealed class ByzantineTests
{
    private const int Byzantine = 1;

    [Fact]
    public void An_equivocating_proposer_and_double_votes_cause_no_fork()
    {
        using var network = StartWithoutByzantine();
        var blockA = Build(network, ["a"]);
        var blockB = Build(network, ["b"]);
        var proposalA = Proposal(network, blockA, 0);
        var proposalB = Proposal(network, blockB, 0);
        network.Inject(Byzantine, 0, proposalA);
        network.Inject(Byzantine, 2, proposalA);
        network.Inject(Byzantine, 3, proposalB);
        network.Inject(Byzantine, 3, proposalA);
        foreach (var to in new[] { 0, 2, 3 })
        {
            network.Inject(Byzantine, to, network.SignedVote(Byzantine, VoteType.Prevote, 1, 0, ByteString.CopyFrom(blockB.Hash)));
            network.Inject(Byzantine, to, network.SignedVote(Byzantine, VoteType.Prevote, 1, 0, ByteString.CopyFrom(blockA.Hash)));
            network.Inject(Byzantine, to, network.SignedVote(Byzantine, VoteType.Precommit, 1, 0, ByteString.CopyFrom(blockB.Hash)));
            network.Inject(Byzantine, to, network.SignedVote(Byzantine, VoteType.Precommit, 1, 0, ByteString.CopyFrom(blockA.Hash)));
        }

        Assert.True(network.RunUntil(() => network.Nodes[3].Replica!.Core.Equivocations > 0, 1_000));
        Assert.True(network.RunUntil(() => network.AllCommitted(1, 0, 2, 3), 30_000));
        network.Submit(1, "next", 0, 2, 3);
        Assert.True(network.RunUntil(() => network.AllCommitted(2, 0, 2, 3), 30_000));
        Assert.Empty(network.Safety.Violations);
        Assert.Empty(network.Signatures.Violations);
    }

    [Theory]
    [InlineData("rejected transaction")]
    [InlineData("duplicate transaction")]
    [InlineData("wrong previous hash")]
    [InlineData("time not after the previous block")]
    [InlineData("time far ahead of the clocks")]
    [InlineData("different results")]
    public void Validators_prevote_nil_for_an_invalid_block_and_commit_another(string fault)
    {
        using var network = StartWithoutByzantine();
        foreach (var node in network.Nodes)
        {
            node.Source.RejectedNonces.Add(99);
        }

        var block = fault switch
        {
            "rejected transaction" => Build(network, ["bad"], nonce: 99),
            "duplicate transaction" => Build(network, ["x", "x"]),
            "wrong previous hash" => Build(network, ["x"], previousHash: new byte[32]),
            "time not after the previous block" => Build(network, ["x"], time: network.Chain.Config.GenesisTimeMs),
            "time far ahead of the clocks" => Build(network, ["x"], time: network.Clock.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds()),
            _ => WithTamperedResults(network, Build(network, ["x"])),
        };
        foreach (var to in new[] { 0, 2, 3 })
        {
            network.Inject(Byzantine, to, Proposal(network, block, 0));
        }

        Assert.True(network.RunUntil(() => network.AllCommitted(1, 0, 2, 3), 30_000));
        foreach (var honest in new[] { 0, 2, 3 })
        {
            Assert.Equal(string.Empty, network.Signatures.SignedBy(honest, 1, 0, step: 1));
        }

        Assert.NotEqual(block.Hash, network.Chain.Suite.Hash(network.Nodes[0].Ledger.GetBlock(1)!.Header.Span));
        Assert.Empty(network.Safety.Violations);
    }

    [Fact]
    public void Messages_with_bad_signatures_or_from_non_validators_are_invalid_and_stale_ones_ignored()
    {
        using var network = StartWithoutByzantine();
        var replica = network.Nodes[0].Replica!;
        var good = network.SignedVote(2, VoteType.Prevote, 1, 0, ByteString.Empty);
        Assert.Equal(Delivery.Accepted, replica.Check(good));

        var forged = good.Clone();
        forged.Vote.BlockHash = ByteString.CopyFrom(new byte[32]);
        Assert.Equal(Delivery.Invalid, replica.Check(forged));

        var outsider = good.Clone();
        outsider.Vote.Validator = ByteString.CopyFrom(new byte[32]);
        Assert.Equal(Delivery.Invalid, replica.Check(outsider));

        var wrongProposer = Proposal(network, Build(network, ["p"]), 0);
        wrongProposer.Proposal.Round = 1;
        Assert.Equal(Delivery.Invalid, replica.Check(wrongProposer));

        Assert.Equal(Delivery.Ignored, replica.Check(network.SignedVote(2, VoteType.Prevote, 7, 0, ByteString.Empty)));
        Assert.Equal(Delivery.Invalid, replica.Check(new ConsensusMessage()));
    }

    private static SimNetwork StartWithoutByzantine()
    {
        var network = new SimNetwork(TestChain.Create(4));
        foreach (var node in network.Nodes.Where(n => n.Index != Byzantine))
        {
            node.Start();
        }

        network.Submit(1, "honest", 0, 2, 3);
        return network;
    }

    private static CommittedBlock Build(SimNetwork network, string[] ids, ulong nonce = 0, byte[]? previousHash = null, long? time = null)
    {
        var node = network.Nodes[Byzantine];
        var pool = new FakeTxSource(network.Chain.Suite);
        var txs = ids.Select(id => pool.Resolve(FakeTxSource.EvidenceEnvelope(network.Chain.Config.ChainId, id, nonce), 0, out _, out _)!).ToList();
        var executor = new BlockExecutor(new ContractRegistry([new EvidenceContract()]), network.Chain.Suite, 10_000_000);
        var assembler = new BlockAssembler(network.Chain.Config, network.Chain.Suite, executor);
        return assembler.AssembleUnsigned(
            1,
            previousHash ?? node.Ledger.TipHash!,
            time ?? network.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
            txs,
            new LedgerStateReader(node.Ledger),
            node.NodeId);
    }

    private static CommittedBlock WithTamperedResults(SimNetwork network, CommittedBlock block)
    {
        var header = block.Header.Clone();
        header.ResultRoot = ByteString.CopyFrom(new byte[32]);
        var tampered = block.Block.Clone();
        tampered.Header = header.ToByteString();
        return block with { Block = tampered, Header = header, Hash = network.Chain.Suite.Hash(tampered.Header.Span) };
    }

    private static ConsensusMessage Proposal(SimNetwork network, CommittedBlock block, int round) => network.SignedProposal(Byzantine, new Proposal
    {
        Height = 1,
        Round = (uint)round,
        PolRound = -1,
        Block = block.Block.Clone(),
        BlockHash = ByteString.CopyFrom(block.Hash),
        Proposer = network.Nodes[Byzantine].Id,
    });
}
