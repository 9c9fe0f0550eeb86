using Chainweave.Api.Consensus;
using Chainweave.Api.Ledger;
using Chainweave.Consensus.Tbft.Wal;
using Chainweave.Core.Crypto;
using Chainweave.Storage.Ledger;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Chainweave.Consensus.Tbft;

/// <summary>
/// One validator's consensus, single-threaded and synchronous: the <see cref="TbftCore"/> plus
/// everything around it — signing through the last-signed guard, the WAL, building and re-executing
/// blocks, committing. <see cref="TbftEngine"/> runs it on its own thread; tests drive it directly on a
/// virtual clock. Only <see cref="Check"/> may be called from other threads.
/// </summary>
public sealed partial class TbftReplica : IDisposable
{
    private readonly TbftValidatorSet _validators;
    private readonly CommitCertificateVerifier _verifier;
    private readonly BlockAssembler _assembler;
    private readonly BlockReexecutor _reexecutor;
    private readonly LedgerStore _ledger;
    private readonly ITxSource _source;
    private readonly ICommitListener _listener;
    private readonly ISigner _signer;
    private readonly ByteString _nodeId;
    private readonly IConsensusTransport _transport;
    private readonly ITbftScheduler _scheduler;
    private readonly TimeProvider _clock;
    private readonly TbftOptions _options;
    private readonly ILogger _logger;
    private readonly LedgerStateReader _state;
    private readonly TbftCore _core;
    private readonly List<TbftAction> _actions = [];
    private readonly Dictionary<(int Round, TbftStep Step), ConsensusMessage> _ownBySlot = [];
    private readonly List<ConsensusMessage> _ownMessages = [];
    private readonly Dictionary<ByteString, CommittedBlock> _executed = [];
    private readonly List<PooledTx> _taken = [];
    private readonly ProposalSizer _sizer;
    private TbftWal? _wal;
    private LastSignedGuard? _guard;
    private bool _replaying;

    /// <summary>
    /// The highest height known to be decided by the network already, because block sync holds its
    /// block: this node neither proposes nor votes up to it (the work would be wasted, and its
    /// proposals and votes would only be noise to peers that moved on).
    /// </summary>
    private ulong _decidedElsewhere;
    private long _currentHeight;
    private LastCommit? _lastCommit;

    public TbftReplica(
        TbftValidatorSet validators,
        BlockAssembler assembler,
        LedgerStore ledger,
        ITxSource source,
        ICommitListener listener,
        ISigner signer,
        byte[] nodeId,
        IConsensusTransport transport,
        ITbftScheduler scheduler,
        TimeProvider clock,
        TbftOptions options,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(validators);
        ArgumentNullException.ThrowIfNull(options);
        _validators = validators;
        _verifier = new CommitCertificateVerifier(validators);
        _assembler = assembler;
        _reexecutor = new BlockReexecutor(validators, assembler, ledger, source);
        _ledger = ledger;
        _source = source;
        _listener = listener;
        _signer = signer;
        _nodeId = ByteString.CopyFrom(nodeId);
        _transport = transport;
        _scheduler = scheduler;
        _clock = clock;
        _options = options;
        _logger = logger;
        _state = new LedgerStateReader(ledger);
        _core = new TbftCore(validators, validators.IndexOf(_nodeId), options.Timeouts);
        _sizer = new ProposalSizer(options.MaxTxsPerBlock, options.Timeouts.For(TimeoutKind.Propose, 0));
        _currentHeight = (long)((ledger.Height ?? 0) + 1);
    }

    /// <summary>Raised (on the replica's thread) when a peer's status shows it committed more than one height beyond this node.</summary>
    public event EventHandler<PeerAheadEventArgs>? BehindDetected;

    public TbftCore Core => _core;

    /// <summary>How many transactions this node proposes per block, from its measured cost of checking blocks.</summary>
    public ProposalSizer Sizer => _sizer;

    /// <summary>The height being decided; readable from any thread.</summary>
    public ulong CurrentHeight => (ulong)Interlocked.Read(ref _currentHeight);

    /// <summary>Signatures the last-signed guard refused since start (each would have contradicted an earlier one).</summary>
    public int RefusedSignatures { get; private set; }

    /// <summary>The highest committed height a peer reported (0 when none did).</summary>
    public ulong HighestPeerCommittedHeight { get; private set; }

    /// <summary>Opens the WAL and the guard, replays the height in progress, and starts deciding.</summary>
    public void Start()
    {
        var tip = _ledger.Height ?? throw new InvalidOperationException("The ledger has no genesis block.");
        _guard = LastSignedGuard.Load(_options.WalFolder, _options.DurableWrites);
        _wal = TbftWal.Open(_options.WalFolder, _options.DurableWrites, out var records, out var cut);
        if (cut > 0)
        {
            LogTornTail(cut);
        }

        var height = tip + 1;
        foreach (var record in records)
        {
            if (record.Kind == WalRecordKind.Own && record.Height == height && record.Message is { } own)
            {
                _ownBySlot[SlotOf(own)] = own;
            }
        }

        if (records.Count > 0 && records[^1].Height < height)
        {
            // Left from a height committed just before a crash: the ledger holds its outcome.
            _wal.Reset();
        }

        _replaying = true;
        StartHeight(height);
        foreach (var record in records)
        {
            if (record.Height == height)
            {
                Replay(record);
            }
        }

        _replaying = false;

        foreach (var message in _ownMessages)
        {
            _transport.Broadcast(message);
        }

        _actions.Add(new AnnounceStatus(_core.Height, _core.Round, _core.Step));
        Drain();
    }

    public void Dispose() => _wal?.Dispose();

    /// <summary>A checked message from a peer (see <see cref="Check"/>).</summary>
    public void OnMessage(ReadOnlySpan<byte> fromNodeId, ConsensusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message.BodyCase)
        {
            case ConsensusMessage.BodyOneofCase.Proposal when _core.OnProposal(message.Proposal, _actions):
                _wal!.Append(WalRecord.Received(_core.Height, message));
                LogProposalReceived(message.Proposal.Height, message.Proposal.Round, message.Proposal.Block.Txs.Count);
                break;
            case ConsensusMessage.BodyOneofCase.Vote when _core.OnVote(message.Vote, _actions):
                // A vote can decide the height, so it may belong to the height just left.
                _wal!.Append(WalRecord.Received(message.Vote.Height, message));
                break;
            case ConsensusMessage.BodyOneofCase.Status:
                OnStatus(fromNodeId, message.Status);
                break;
            default:
                break;
        }

        Drain();
    }

    public void OnTimeout(TbftTimeout timeout)
    {
        if (timeout.Height == _core.Height && _core.OnTimeout(timeout, _actions))
        {
            _wal!.Append(WalRecord.Fired(timeout));
            NoteTimeout(timeout);
        }

        Drain();
    }

    public void OnTxsAvailable(ulong height)
    {
        if (height == _core.Height && _core.WaitingForTxs)
        {
            _wal!.Append(WalRecord.TxsArrived(height));
            _core.OnTxsAvailable(_actions);
        }

        Drain();
    }

    /// <summary>Block sync: commits the next block if its certificate, header and results check out.</summary>
    /// <param name="block">The block after the tip, with its commit certificate.</param>
    /// <param name="moreFollow">
    /// The peer has the next blocks too and sends them right after: the commit is then not synced to disk
    /// (the last block of the batch syncs it), and this node neither proposes nor votes at the next
    /// height, which the network has decided already. Both only save work; a wrong hint costs nothing.
    /// </param>
    public SyncResult ApplyCommittedBlock(Block block, bool moreFollow = false)
    {
        ArgumentNullException.ThrowIfNull(block);
        BlockHeader header;
        try
        {
            header = BlockHeader.Parser.ParseFrom(block.Header);
        }
        catch (InvalidProtocolBufferException)
        {
            return SyncResult.Invalid("The block header cannot be decoded.");
        }

        if (header.Height != _core.Height)
        {
            return SyncResult.NotNext($"The block has height {header.Height}; this node decides height {_core.Height}.");
        }

        var hash = _validators.Suite.Hash(block.Header.Span);
        if (_verifier.Check(block.Certificate, header.Height, hash) is { } bad)
        {
            return SyncResult.Invalid(bad);
        }

        var executed = _reexecutor.Execute(block, hash, latestTimeMs: null, out var reason);
        if (executed is null)
        {
            return SyncResult.Invalid(reason);
        }

        executed.Block.Certificate = block.Certificate.Clone();
        if (moreFollow)
        {
            _decidedElsewhere = Math.Max(_decidedElsewhere, header.Height + 1);
        }

        Commit(executed, lastCommit: null, durable: !moreFollow);
        Drain();
        return SyncResult.Applied;
    }

    private void Replay(WalRecord record)
    {
        switch (record.Kind)
        {
            case WalRecordKind.Received or WalRecordKind.Own when record.Message is { } message:
                Feed(message);
                if (record.Kind == WalRecordKind.Own && !_ownMessages.Contains(message))
                {
                    _ownMessages.Add(message);
                }

                break;
            case WalRecordKind.Timeout:
                _core.OnTimeout(record.Timeout, _actions);
                break;
            case WalRecordKind.TxsAvailable:
                _core.OnTxsAvailable(_actions);
                break;
            default:
                break;
        }

        Drain();
    }

    private void Feed(ConsensusMessage message)
    {
        if (message.BodyCase == ConsensusMessage.BodyOneofCase.Proposal)
        {
            _core.OnProposal(message.Proposal, _actions);
        }
        else if (message.BodyCase == ConsensusMessage.BodyOneofCase.Vote)
        {
            _core.OnVote(message.Vote, _actions);
        }
    }

    private void StartHeight(ulong height)
    {
        Interlocked.Exchange(ref _currentHeight, (long)height);
        NoteHeightStarted();
        _core.StartHeight(height, _actions);
    }

    private static (int Round, TbftStep Step) SlotOf(ConsensusMessage message) => message.BodyCase == ConsensusMessage.BodyOneofCase.Proposal
        ? ((int)message.Proposal.Round, TbftStep.Propose)
        : ((int)message.Vote.Round, message.Vote.Type == VoteType.Prevote ? TbftStep.Prevote : TbftStep.Precommit);

    private sealed record LastCommit(ulong Height, ConsensusMessage Proposal, IReadOnlyList<ConsensusMessage> Precommits);
}
