using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Storage.Ledger;
using DotNext.IO;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Chainweave.Consensus.Raft;

/// <summary>
/// The Raft state machine: every committed log entry, in log order and on every member, is one
/// encoded block that goes into the ledger. The ledger is the real state, so nothing is snapshotted:
/// after a restart the log replays from its start and every block at or below the ledger height is
/// skipped. A block that does not extend the tip (a duplicate or a stale proposal after a leader
/// change) is skipped the same way on every member, so members never diverge.
/// </summary>
internal sealed partial class RaftBlockApplier : SimpleStateMachine
{
    private readonly LedgerStore _ledger;
    private readonly ITxSource _source;
    private readonly ICommitListener _listener;
    private readonly BlockReexecutor _reexecutor;
    private readonly Action<Exception> _fault;
    private readonly ILogger _logger;
    private long _tipTimeMs;
    private volatile bool _faulted;

    public RaftBlockApplier(
        DirectoryInfo snapshots,
        LedgerStore ledger,
        ITxSource source,
        BlockAssembler assembler,
        ISigner signer,
        ICommitListener listener,
        Action<Exception> fault,
        ILogger logger)
        : base(snapshots)
    {
        _ledger = ledger;
        _source = source;
        _listener = listener;
        _reexecutor = new BlockReexecutor(source, assembler, ledger, signer);
        _fault = fault;
        _logger = logger;
        var tip = ledger.Tip ?? throw new InvalidOperationException("The ledger has no genesis block.");
        _tipTimeMs = BlockHeader.Parser.ParseFrom(ledger.GetBlock(tip.Height)!.Header).TimestampMs;
    }

    /// <summary>Time of the last committed block; a leader's next block is later.</summary>
    public long TipTimeMs => Volatile.Read(ref _tipTimeMs);

    protected override ValueTask<bool> ApplyAsync(LogEntry entry, CancellationToken token)
    {
        // Returning false means "no snapshot"; the ledger already holds everything durable.
        if (_faulted || entry.IsConfiguration || entry.IsSnapshot || !entry.TryGetPayload(out var payload) || payload.IsEmpty)
        {
            return ValueTask.FromResult(false);
        }

        try
        {
            Apply(entry.Index, Block.Parser.ParseFrom(payload), entry.Context);
        }
        catch (Exception error)
        {
            _faulted = true;
            LogFatal(entry.Index, error);
            _fault(error);

            // Throwing stops DotNext's applier, so no later entry lands on a ledger that missed this one.
            throw;
        }

        return ValueTask.FromResult(false);
    }

    protected override ValueTask RestoreAsync(FileInfo snapshotFile, CancellationToken token) => ValueTask.CompletedTask;

    protected override ValueTask PersistAsync(IAsyncBinaryWriter writer, CancellationToken token) => ValueTask.CompletedTask;

    private void Apply(long index, Block block, object? context)
    {
        var header = BlockHeader.Parser.ParseFrom(block.Header);
        var tip = _ledger.Tip!;
        if (header.Height <= tip.Height)
        {
            LogAlreadyApplied(index, header.Height, tip.Height);
            return;
        }

        if (header.Height != tip.Height + 1 || !header.PreviousHash.Span.SequenceEqual(tip.Hash))
        {
            LogStale(index, header.Height, tip.Height);
            return;
        }

        CommittedBlock committed;
        if (context is CommittedBlock own && own.Block.Header.Equals(block.Header))
        {
            // The leader's own block, already executed when it was built.
            committed = own;
        }
        else
        {
            committed = _reexecutor.Rebuild(block, header, out var problem)
                ?? throw new InvalidOperationException($"Raft log entry {index}: {problem}. A Raft chain trusts its leader, so this is a bug; the engine stops.");
        }

        _ledger.CommitBlock(committed);
        Volatile.Write(ref _tipTimeMs, header.TimestampMs);
        _source.Committed(committed.TxIds);
        _listener.OnCommitted(committed);
        LogApplied(index, header.Height, block.Txs.Count);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Raft entry {Index}: committed block {Height} with {Count} transactions")]
    private partial void LogApplied(long index, ulong height, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Raft entry {Index}: block {Height} is already in the ledger (tip {Tip}); skipped")]
    private partial void LogAlreadyApplied(long index, ulong height, ulong tip);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Raft entry {Index}: block {Height} does not extend the ledger tip {Tip} (a proposal overtaken by a leader change); skipped")]
    private partial void LogStale(long index, ulong height, ulong tip);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Raft entry {Index} cannot be applied; the Raft engine stops")]
    private partial void LogFatal(long index, Exception error);
}
