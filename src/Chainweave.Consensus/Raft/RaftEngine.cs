using System.Net;
using System.Net.Sockets;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Storage.Ledger;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Chainweave.Consensus.Raft;

/// <summary>
/// Crash-fault-tolerant consensus on DotNext.Net.Cluster's Raft. The leader cuts a block from its
/// pool, executes and signs it (its signature is the certificate, as in solo) and replicates the
/// encoded block as one log entry; every member commits the block when that entry commits, in log
/// order (<see cref="RaftBlockApplier"/>). One block is in flight at a time: concurrent replication
/// can commit out of order, and the next block builds on the ledger tip the previous one produced.
/// </summary>
public sealed partial class RaftEngine : IConsensusEngine
{
    /// <summary>Error code of a stop caused by a block that cannot be applied (a bug, never user input).</summary>
    public const string ConsensusFaultCode = "CONSENSUS_FAULT";

    private readonly IPEndPoint _listen;
    private readonly IPEndPoint[] _members;
    private readonly string _dataFolder;
    private readonly ITxSource _source;
    private readonly BlockAssembler _assembler;
    private readonly LedgerStore _ledger;
    private readonly ISigner _signer;
    private readonly byte[] _nodeId;
    private readonly ICommitListener _listener;
    private readonly TimeProvider _clock;
    private readonly int _maxTxs;
    private readonly long _maxBytes;
    private readonly ILoggerFactory _logs;
    private readonly ILogger _logger;
    private readonly RaftOptions _options;
    private readonly LedgerStateReader _state;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private volatile RaftCluster? _cluster;
    private volatile bool _isLeader;
    private volatile Exception? _fault;
    private int _started;
    private int _disposed;

    /// <param name="listen">Where this member's Raft transport listens; must be one of <paramref name="members"/>.</param>
    /// <param name="members">Every member's Raft endpoint, this one included; the same list on every member.</param>
    /// <param name="dataFolder">This member's Raft log folder (created if missing), apart from the ledger.</param>
    public RaftEngine(
        IPEndPoint listen,
        IReadOnlyList<IPEndPoint> members,
        string dataFolder,
        ITxSource source,
        BlockAssembler assembler,
        LedgerStore ledger,
        ISigner signer,
        byte[] nodeId,
        ICommitListener listener,
        TimeProvider clock,
        int maxTxs,
        long maxBytes,
        ILoggerFactory logs,
        RaftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        ArgumentNullException.ThrowIfNull(logs);
        _options = options ?? new RaftOptions();
        _options.Validate();
        _members = [.. members];
        if (Array.IndexOf(_members, listen) < 0)
        {
            throw new ArgumentException($"The Raft member list does not contain this member's endpoint {listen}.", nameof(members));
        }

        if (new HashSet<IPEndPoint>(_members).Count != _members.Length)
        {
            throw new ArgumentException("The Raft member list names an endpoint twice.", nameof(members));
        }

        _listen = listen;
        _dataFolder = Path.GetFullPath(dataFolder);
        _source = source;
        _assembler = assembler;
        _ledger = ledger;
        _signer = signer;
        _nodeId = nodeId;
        _listener = listener;
        _clock = clock;
        _maxTxs = maxTxs;
        _maxBytes = maxBytes;
        _logs = logs;
        _logger = logs.CreateLogger<RaftEngine>();
        _state = new LedgerStateReader(ledger);
    }

    public string Name => "raft";

    public Task Completion => _loop;

    /// <summary>Whether this member leads and has applied everything committed before its term.</summary>
    public bool IsLeader => _isLeader;

    /// <summary>The Raft endpoint of the current leader as this member knows it, or null during an election.</summary>
    public EndPoint? LeaderEndpoint => _cluster?.Leader?.EndPoint;

    /// <summary>This member's Raft endpoint.</summary>
    public IPEndPoint Endpoint => _listen;

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The Raft engine is already started.");
        }

        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Stops leading and following, then closes the transport and the log; a fault stays on <see cref="Completion"/>.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        Directory.CreateDirectory(_dataFolder);
        var applier = new RaftBlockApplier(
            new DirectoryInfo(Path.Combine(_dataFolder, "snapshots")),
            _ledger,
            _source,
            _assembler,
            _signer,
            _listener,
            OnApplyFault,
            _logs.CreateLogger<RaftBlockApplier>());
        WriteAheadLog? log = null;
        RaftCluster? cluster = null;
        try
        {
            // DotNext reads the restored snapshot when the log is constructed, so restore comes first.
            await applier.RestoreAsync(token).ConfigureAwait(false);
            log = new WriteAheadLog(
                new WriteAheadLog.Options
                {
                    Location = Path.Combine(_dataFolder, "log"),
                    ChunkSize = _options.LogChunkBytes,
                    MemoryManagement = WriteAheadLog.MemoryManagementStrategy.SharedMemory,
                },
                applier);
            cluster = new RaftCluster(RaftTransport.Configure(_listen, _members, _options, _logs)) { AuditTrail = log };
            await StartTransportAsync(cluster, token).ConfigureAwait(false);
            _cluster = cluster;
            LogStarted(_listen, _members.Length);
            await LeadWheneverElectedAsync(cluster, log, applier, token).ConfigureAwait(false);
        }
        catch (Exception error) when (_fault is not null || (error is OperationCanceledException or ObjectDisposedException && token.IsCancellationRequested))
        {
            // Stopping is the expected way out; a fault is reported below, whatever it broke on the way.
        }
        finally
        {
            _isLeader = false;
            _cluster = null;
            await CloseAsync(cluster, log, applier).ConfigureAwait(false);
        }

        if (_fault is { } fault)
        {
            throw new ChainError(ConsensusFaultCode, $"The Raft engine stopped: {fault.Message}", fault);
        }
    }

    private async Task StartTransportAsync(RaftCluster cluster, CancellationToken token)
    {
        try
        {
            await cluster.StartAsync(token).ConfigureAwait(false);
        }
        catch (SocketException error) when (error.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new ChainError(
                ErrorCodes.PortInUse,
                $"The Raft port {_listen} cannot be opened ({error.SocketErrorCode}): stop whatever uses it or give this node another Raft address.",
                error);
        }
    }

    private async Task LeadWheneverElectedAsync(RaftCluster cluster, WriteAheadLog log, RaftBlockApplier applier, CancellationToken token)
    {
        var batch = new List<PooledTx>(_maxTxs);
        while (true)
        {
            // Returns once this member's no-op entry of the new term is applied: everything committed
            // by earlier leaders is then in the ledger, and the next height comes from the ledger.
            var leadership = await cluster.WaitForLeadershipAsync(token).ConfigureAwait(false);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(token, leadership);
            try
            {
                await log.WaitForApplyAsync(log.LastCommittedEntryIndex, leading.Token).ConfigureAwait(false);
                _isLeader = true;
                LogLeading(_ledger.Height ?? 0);
                await ProduceBlocksAsync(cluster, log, applier, batch, leading.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or NotLeaderException && !token.IsCancellationRequested)
            {
                LogLostLeadership();
            }
            finally
            {
                _isLeader = false;
            }
        }
    }

    private async Task ProduceBlocksAsync(RaftCluster cluster, WriteAheadLog log, RaftBlockApplier applier, List<PooledTx> batch, CancellationToken token)
    {
        while (true)
        {
            await _source.WaitForTransactionsAsync(token).ConfigureAwait(false);
            batch.Clear();
            _source.TakeBatch(_maxTxs, _maxBytes, batch);
            if (batch.Count == 0)
            {
                continue;
            }

            var tip = _ledger.Tip!;
            var time = Math.Max(_clock.GetUtcNow().ToUnixTimeMilliseconds(), applier.TipTimeMs + 1);
            var block = _assembler.Assemble(tip.Height + 1, tip.Hash, time, batch, _state, _signer, _nodeId);
            try
            {
                // The block rides along as context, so applying it here needs no second execution.
                await cluster.ReplicateAsync(block.Block.ToByteArray().AsMemory(), block, token).ConfigureAwait(false);
                await log.WaitForApplyAsync(log.LastCommittedEntryIndex, token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or NotLeaderException)
            {
                // Unknown outcome: the entry may still commit under the next leader, whose apply then
                // tells the pool; until then the transactions wait here again.
                _source.Requeue(batch);
                throw;
            }

            if (!_ledger.Tip!.Hash.AsSpan().SequenceEqual(block.Hash))
            {
                LogNotLanded(block.Header.Height);
                _source.Requeue(batch);
            }
        }
    }

    private void OnApplyFault(Exception error)
    {
        _fault = error;

        // Called on DotNext's applier thread: cancelling inline would run the shutdown, which waits
        // for that very thread, on it.
        _ = _stop.CancelAsync();
    }

    private async Task CloseAsync(RaftCluster? cluster, WriteAheadLog? log, RaftBlockApplier applier)
    {
        // Order matters: the transport stops using the log, the log stops calling the applier.
        if (cluster is not null)
        {
            try
            {
                await cluster.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                LogCloseProblem(error);
            }

            await cluster.DisposeAsync().ConfigureAwait(false);
        }

        if (log is not null)
        {
            await log.DisposeAsync().ConfigureAwait(false);
        }

        await applier.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Raft member {Endpoint} started with {Count} members")]
    private partial void LogStarted(IPEndPoint endpoint, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leading the Raft cluster from height {Height}")]
    private partial void LogLeading(ulong height);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lost Raft leadership; the block in flight may still commit under the next leader")]
    private partial void LogLostLeadership();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Block {Height} was replicated but another block took its height; its transactions go back to the pool")]
    private partial void LogNotLanded(ulong height);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping the Raft transport failed")]
    private partial void LogCloseProblem(Exception error);
}
