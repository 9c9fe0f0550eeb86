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
        var lagging = _nodes[3];
        lagging.Disconnected = true;
        foreach (var node in _nodes)
        {
            node.Engine.Start();
        }

        for (var height = 1UL; height <= 2; height++)
        {
            Submit($"sync-{height}", _nodes.Take(3));
            await Task.WhenAll(_nodes.Take(3).Select(n => n.Committed(height).WaitAsync(Patience)));
        }

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
    public void Deliver_checks_signatures_on_the_callers_thread()
    {
        var engine = _nodes[0].Engine;
        var vote = new ConsensusVote { Type = VoteType.Prevote, Height = 1, Round = 0, Validator = ByteString.CopyFrom(_chain.NodeIds[1]), Signature = ByteString.CopyFrom(new byte[70]) };
        Assert.Equal(Delivery.Invalid, engine.Deliver(_chain.NodeIds[1], new ConsensusMessage { Vote = vote }));
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

        public void Broadcast(ConsensusMessage message)
        {
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
            foreach (var node in _test._nodes)
            {
                if (nodeId.SequenceEqual(node.Id) && !Disconnected && !node.Disconnected)
                {
                    node.Engine.Deliver(Id, message);
                }
            }
        }

        public void OnCommitted(CommittedBlock block) => Slot(block.Header.Height).TrySetResult();

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
