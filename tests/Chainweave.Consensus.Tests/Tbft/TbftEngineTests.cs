using Chainweave.Api.Consensus;
using Chainweave.Api.Ledger;
using Chainweave.Consensus.Tbft;
using Chainweave.Consensus.Tests.Simulation;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.Running;
using Chainweave.Execution.SystemContracts;
using Chainweave.Storage;
using Chainweave.Storage.Ledger;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Chainweave.Consensus.Tests.Tbft;

/// <summary>The threaded engine: four engines over an in-memory transport, and block sync into a fifth view.</summary>
public sealed class TbftEngineTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TestChain _chain = TestChain.Create(4);
    private readonly FakeTimeProvider _clock = new(TestChain.GenesisTime.AddSeconds(10));
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cw-tbft-engine-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<EngineNode> _nodes = [];

    public Task InitializeAsync()
    {
        for (var i = 0; i < _chain.Count; i++)
        {
            _nodes.Add(new EngineNode(this, i));
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.Engine.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Four_engines_commit_blocks_on_their_own_threads()
    {
        foreach (var node in _nodes)
        {
            node.Engine.Start();
        }

        for (var height = 1UL; height <= 3; height++)
        {
            Submit($"engine-{height}", _nodes);
            await Task.WhenAll(_nodes.Select(n => n.Committed(height).WaitAsync(Patience)));
        }

        var hashes = _nodes.Select(n => Convert.ToHexString(n.Ledger.TipHash!)).Distinct();
        Assert.Single(hashes);
        var verifier = new CommitCertificateVerifier(_chain.Config, _chain.Suite);
        var block = _nodes[0].Ledger.GetBlock(3)!;
        Assert.True(verifier.IsValid(block.Certificate, 3, _chain.Suite.Hash(block.Header.Span)));
    }

    [Fact]
    public async Task Apply_committed_block_syncs_a_lagging_engine_and_refuses_bad_or_out_of_order_blocks()
    {
        var lagging = await CommitWithoutTheLastNode("sync", heights: 2);

        var source = _nodes[0].Ledger;
        var block2 = source.GetBlock(2)!;
        Assert.Equal(SyncStatus.NotNext, (await lagging.Engine.ApplyCommittedBlockAsync(block2, default)).Status);

        var noQuorum = source.GetBlock(1)!;
        noQuorum.Certificate.Votes.RemoveAt(0);
        noQuorum.Certificate.Votes.RemoveAt(0);
        var refused = await lagging.Engine.ApplyCommittedBlockAsync(noQuorum, default);
        Assert.Equal(SyncStatus.Invalid, refused.Status);
        Assert.Contains("votes", refused.Reason, StringComparison.Ordinal);

        var forged = source.GetBlock(1)!;
        forged.Txs.Clear();
        Assert.Equal(SyncStatus.Invalid, (await lagging.Engine.ApplyCommittedBlockAsync(forged, default)).Status);

        Assert.Equal(SyncStatus.Applied, (await lagging.Engine.ApplyCommittedBlockAsync(source.GetBlock(1)!, default)).Status);
        Assert.Equal(SyncStatus.Applied, (await lagging.Engine.ApplyCommittedBlockAsync(block2, default)).Status);
        Assert.Equal(source.TipHash, lagging.Ledger.TipHash);
        Assert.Equal(3UL, lagging.Engine.CurrentHeight);
    }

    [Fact]
    public async Task A_node_catching_up_neither_proposes_nor_votes_at_heights_the_network_decided_already()
    {
        const ulong Behind = 5;
        var lagging = await CommitWithoutTheLastNode("behind", Behind);

        // With transactions of its own, the lagging node would propose at each height it leads.
        Submit("lagging-own", [lagging]);
        lagging.Disconnected = false;
        for (var height = 1UL; height <= Behind; height++)
        {
            if (height == 3)
            {
                // Transactions arriving mid-way wake a proposer outside the sync path too.
                Submit("lagging-late", [lagging]);
            }

            var moreFollow = height < Behind;
            var applied = await lagging.Engine.ApplyCommittedBlockAsync(_nodes[0].Ledger.GetBlock(height)!, moreFollow, default);
            Assert.Equal(SyncStatus.Applied, applied.Status);
        }

        // Heights 2..Behind started while more blocks followed: one of them was the lagging node's to lead.
        Assert.DoesNotContain(lagging.SentHeights(), h => h >= 2 && h <= Behind);
        Assert.Equal(_nodes[0].Ledger.TipHash, lagging.Ledger.TipHash);
        Assert.Equal(Behind + 1, lagging.Engine.CurrentHeight);
    }

    [Fact]
    public void Deliver_checks_signatures_on_the_callers_thread()
    {
        var engine = _nodes[0].Engine;
        var vote = new ConsensusVote { Type = VoteType.Prevote, Height = 1, Round = 0, Validator = ByteString.CopyFrom(_chain.NodeIds[1]), Signature = ByteString.CopyFrom(new byte[70]) };
        Assert.Equal(Delivery.Invalid, engine.Deliver(_chain.NodeIds[1], new ConsensusMessage { Vote = vote }));
    }

    /// <summary>Starts every engine with the last node cut off and commits <paramref name="heights"/> blocks without it; returns that node.</summary>
    private async Task<EngineNode> CommitWithoutTheLastNode(string prefix, ulong heights)
    {
        var lagging = _nodes[^1];
        lagging.Disconnected = true;
        foreach (var node in _nodes)
        {
            node.Engine.Start();
        }

        var others = _nodes.Take(_nodes.Count - 1).ToList();
        for (var height = 1UL; height <= heights; height++)
        {
            Submit($"{prefix}-{height}", others);
            await AdvanceUntil(Task.WhenAll(others.Select(n => n.Committed(height))));
        }

        return lagging;
    }

    /// <summary>
    /// Moves the virtual clock on while <paramref name="done"/> is pending, so a height whose proposer
    /// is cut off times out into the next round.
    /// </summary>
    private async Task AdvanceUntil(Task done)
    {
        for (var step = 0; step < 600 && !done.IsCompleted; step++)
        {
            if (await Task.WhenAny(done, Task.Delay(TimeSpan.FromMilliseconds(20))) != done)
            {
                _clock.Advance(TimeSpan.FromMilliseconds(500));
            }
        }

        await done.WaitAsync(Patience);
    }

    private void Submit(string prefix, IEnumerable<EngineNode> nodes)
    {
        var envelope = FakeTxSource.EvidenceEnvelope(_chain.Config.ChainId, prefix);
        foreach (var node in nodes)
        {
            node.Source.Add(envelope);
        }
    }

    private sealed class EngineNode : IConsensusTransport, ICommitListener
    {
        private readonly TbftEngineTests _test;
        private readonly Lock _lock = new();
        private readonly Dictionary<ulong, TaskCompletionSource> _commits = [];
        private readonly List<ulong> _sentHeights = [];

        public EngineNode(TbftEngineTests test, int index)
        {
            _test = test;
            var chain = test._chain;
            Source = new FakeTxSource(chain.Suite);
            Ledger = new LedgerStore(new MemoryKeyValueStore());
            var assembler = new BlockAssembler(chain.Config, chain.Suite, new BlockExecutor(new ContractRegistry([new EvidenceContract()]), chain.Suite, 10_000_000));
            Ledger.InitGenesis(chain.Config, assembler.Genesis());
            Engine = new TbftEngine(
                chain.Config,
                chain.Suite,
                Source,
                assembler,
                Ledger,
                chain.Signer(index),
                chain.NodeIds[index],
                this,
                this,
                test._clock,
                new TbftOptions { WalFolder = Path.Combine(test._folder, $"node{index}"), DurableWrites = false },
                NullLogger.Instance);
            Id = chain.NodeIds[index];
        }

        public byte[] Id { get; }

        public TbftEngine Engine { get; }

        public LedgerStore Ledger { get; }

        public FakeTxSource Source { get; }

        public bool Disconnected { get; set; }

        public Task Committed(ulong height) => Slot(height).Task;

        /// <summary>The heights of the proposals and votes this node sent while connected.</summary>
        public List<ulong> SentHeights()
        {
            lock (_lock)
            {
                return [.. _sentHeights];
            }
        }

        public void Broadcast(ConsensusMessage message)
        {
            Record(message);
            foreach (var node in _test._nodes)
            {
                if (node != this && !Disconnected && !node.Disconnected)
                {
                    node.Engine.Deliver(Id, message);
                }
            }
        }

        public void Send(ReadOnlySpan<byte> nodeId, ConsensusMessage message)
        {
            Record(message);
            foreach (var node in _test._nodes)
            {
                if (nodeId.SequenceEqual(node.Id) && !Disconnected && !node.Disconnected)
                {
                    node.Engine.Deliver(Id, message);
                }
            }
        }

        public void OnCommitted(CommittedBlock block) => Slot(block.Header.Height).TrySetResult();

        private void Record(ConsensusMessage message)
        {
            var height = message.BodyCase switch
            {
                ConsensusMessage.BodyOneofCase.Proposal => message.Proposal.Height,
                ConsensusMessage.BodyOneofCase.Vote => message.Vote.Height,
                _ => 0UL,
            };
            if (height > 0 && !Disconnected)
            {
                lock (_lock)
                {
                    _sentHeights.Add(height);
                }
            }
        }

        private TaskCompletionSource Slot(ulong height)
        {
            lock (_lock)
            {
                if (!_commits.TryGetValue(height, out var slot))
                {
                    slot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _commits.Add(height, slot);
                }

                return slot;
            }
        }
    }
}
