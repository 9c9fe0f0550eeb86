using Chainweave.Api.Consensus;
using Chainweave.Consensus.Tbft;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.Running;
using Chainweave.Execution.SystemContracts;
using Chainweave.Storage;
using Chainweave.Storage.Ledger;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chainweave.Consensus.Tests.Simulation;

/// <summary>Thrown from inside a node's replica to stop it dead, as a power cut would, right after a send.</summary>
public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public int NodeIndex { get; init; } = -1;
}

/// <summary>
/// One simulated validator: its own in-memory ledger (which survives crashes, like a disk), WAL folder,
/// pool and replica. It is the replica's transport, scheduler and commit listener, all backed by the network.
/// </summary>
public sealed class SimNode : IConsensusTransport, ITbftScheduler, ICommitListener, IDisposable
{
    private readonly SimNetwork _network;
    private readonly TestChain _chain;
    private readonly MemoryKeyValueStore _store = new();

    /// <param name="validatorIndex">Whose key and node id this node runs (a twin shares them with another node); its own index when null.</param>
    public SimNode(SimNetwork network, TestChain chain, int index, string walFolder, TbftOptions options, int? validatorIndex = null)
    {
        _network = network;
        _chain = chain;
        Index = index;
        ValidatorIndex = validatorIndex ?? index;
        NodeId = chain.NodeIds[ValidatorIndex];
        WalFolder = walFolder;
        Options = options with { WalFolder = walFolder };
        Source = new FakeTxSource(chain.Suite);
        Ledger = new LedgerStore(_store);
        var assembler = NewAssembler();
        Ledger.InitGenesis(chain.Config, assembler.Genesis());
    }

    /// <summary>This node's place in <see cref="SimNetwork.Nodes"/>.</summary>
    public int Index { get; }

    /// <summary>The validator whose key this node signs with; twins share it.</summary>
    public int ValidatorIndex { get; }

    public byte[] NodeId { get; }

    public ByteString Id => ByteString.CopyFrom(NodeId);

    public string WalFolder { get; }

    public TbftOptions Options { get; set; }

    public LedgerStore Ledger { get; private set; }

    public FakeTxSource Source { get; }

    public TbftReplica? Replica { get; private set; }

    public bool IsUp => Replica is not null;

    /// <summary>Bumped at each crash so timers of an earlier life never fire into the next.</summary>
    public int Incarnation { get; private set; }

    public bool WantsTxs { get; private set; }

    public List<CommittedBlock> Commits { get; } = [];

    public int BehindEvents { get; private set; }

    /// <summary>When set and true for an own message being sent, the node crashes right after sending it.</summary>
    public Func<ConsensusMessage, bool>? CrashAfterSending { get; set; }

    /// <summary>When true, a BehindDetected event makes the node fetch the missing blocks from that peer (block sync).</summary>
    public bool AutoSync { get; set; } = true;

    public ulong CommittedHeight => Ledger.Height ?? 0;

    public void Start()
    {
        Ledger = new LedgerStore(_store);
        WantsTxs = false;
        var replica = new TbftReplica(
            new TbftValidatorSet(_chain.Config, _chain.Suite),
            NewAssembler(),
            Ledger,
            Source,
            this,
            _chain.Signer(ValidatorIndex),
            NodeId,
            this,
            this,
            _network.Clock,
            Options,
            NullLogger.Instance);
        replica.BehindDetected += OnBehind;
        Replica = replica;
        replica.Start();
    }

    public void Crash()
    {
        Replica?.Dispose();
        Replica = null;
        Incarnation++;
    }

    public void Dispose() => Crash();

    public void Broadcast(ConsensusMessage message)
    {
        for (var to = 0; to < _network.Nodes.Count; to++)
        {
            if (to != Index)
            {
                _network.Send(Index, to, message);
            }
        }

        AfterSend(message);
    }

    /// <summary>To every node running that node id: both twins get it, unless a fault rule drops one copy.</summary>
    public void Send(ReadOnlySpan<byte> nodeId, ConsensusMessage message)
    {
        for (var to = 0; to < _network.Nodes.Count; to++)
        {
            if (to != Index && nodeId.SequenceEqual(_network.Nodes[to].NodeId))
            {
                _network.Send(Index, to, message);
            }
        }

        AfterSend(message);
    }

    public void Schedule(TbftTimeout timeout, TimeSpan after)
    {
        var incarnation = Incarnation;
        _network.At(_network.Clock.NowMs + (long)after.TotalMilliseconds, () =>
        {
            if (Incarnation == incarnation)
            {
                Replica?.OnTimeout(timeout);
            }
        });
    }

    public void NotifyWhenTransactionsWait(ulong height)
    {
        WantsTxs = true;
        if (Source.Count > 0)
        {
            TxsArrived();
        }
    }

    /// <summary>Called by the network after transactions were added to this node's pool.</summary>
    public void TxsArrived()
    {
        if (!WantsTxs)
        {
            return;
        }

        WantsTxs = false;
        var incarnation = Incarnation;
        _network.At(_network.Clock.NowMs, () =>
        {
            if (Incarnation == incarnation && Replica is { } replica)
            {
                replica.OnTxsAvailable(replica.CurrentHeight);
            }
        });
    }

    public void OnCommitted(CommittedBlock block)
    {
        Commits.Add(block);
        _network.Safety.Record(Index, block);
    }

    private void AfterSend(ConsensusMessage message)
    {
        _network.Signatures.Observe(Index, message);
        if (CrashAfterSending is { } crash && crash(message))
        {
            CrashAfterSending = null;
            throw new SimulatedCrashException($"node {Index} crashes") { NodeIndex = Index };
        }
    }

    private void OnBehind(object? sender, PeerAheadEventArgs e)
    {
        BehindEvents++;
        if (!AutoSync)
        {
            return;
        }

        var peer = _network.Nodes[_network.IndexOf(e.NodeId.Span)];
        var incarnation = Incarnation;
        _network.At(_network.Clock.NowMs + 1, () =>
        {
            // Block sync, as the network layer would run it: fetch each missing block from the peer and apply it.
            while (Incarnation == incarnation && Replica is { } replica && peer.Ledger.GetBlock(replica.CurrentHeight) is { } block)
            {
                if (replica.ApplyCommittedBlock(block).Status != SyncStatus.Applied)
                {
                    return;
                }
            }
        });
    }

    private BlockAssembler NewAssembler()
    {
        var executor = new BlockExecutor(new ContractRegistry([new EvidenceContract()]), _chain.Suite, 10_000_000);
        return new BlockAssembler(_chain.Config, _chain.Suite, executor);
    }
}
