using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Chainweave.Api.Consensus;
using Chainweave.Api.P2p;
using Chainweave.Consensus;
using Chainweave.Core.Crypto;
using Chainweave.Storage.Ledger;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Chainweave.Network;

/// <summary>
/// This node's links to the other nodes of the chain: authenticates each stream (mutual TLS plus a
/// consensus-key proof), carries consensus messages, gossips transactions, serves and fetches
/// blocks. Peers that send what they must not are disconnected and banned for a while.
/// </summary>
public sealed partial class PeerNetwork : IConsensusTransport, ITxGossip, IAsyncDisposable
{
    private readonly PeerDirectory _directory;
    private readonly TlsTrust _trust;
    private readonly ISigner _consensusKey;
    private readonly byte[] _selfId;
    private readonly X509Certificate2 _tlsCertificate;
    private readonly LedgerStore _ledger;
    private readonly PeerNetworkOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, PeerConnection> _connections = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private readonly TxBatcher _txs;
    private readonly List<Task> _loops = [];
    private IConsensusInbox? _inbox;
    private TxIntake? _txIntake;
    private IPeerTxSink? _txSink;
    private BlockSync? _sync;

    public PeerNetwork(
        PeerDirectory directory,
        TlsTrust trust,
        ISigner consensusKey,
        byte[] selfId,
        X509Certificate2 tlsCertificate,
        LedgerStore ledger,
        PeerNetworkOptions options,
        TimeProvider clock,
        ILoggerFactory logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        _directory = directory;
        _trust = trust;
        _consensusKey = consensusKey;
        _selfId = selfId;
        _tlsCertificate = tlsCertificate;
        _ledger = ledger;
        _options = options;
        _clock = clock;
        _logger = logs.CreateLogger<PeerNetwork>();
        Bans = new BanList(clock, options.BanDuration);
        _txs = new TxBatcher(options.MaxTxsPerBatch, batch => BroadcastMessage(new PeerMessage { Txs = batch }));
    }

    public BanList Bans { get; }

    public PeerDirectory Directory => _directory;

    public PeerNetworkOptions Options => _options;

    public TlsTrust Trust => _trust;

    public X509Certificate2 TlsCertificate => _tlsCertificate;

    internal ILogger Logger => _logger;

    /// <summary>The peers connected now.</summary>
    public IReadOnlyCollection<PeerConnection> Connected => [.. _connections.Values];

    /// <summary>Starts dialing peers, gossip and status; consensus and sync hook in here (either may be absent).</summary>
    public void Start(IConsensusInbox? inbox, IPeerTxSink txSink, IBlockApplier? applier)
    {
        _inbox = inbox;
        _txSink = txSink;
        _txIntake = new TxIntake(txSink, capacity: 256);
        _loops.Add(_txIntake.RunAsync(_stop.Token));
        if (applier is not null)
        {
            _sync = new BlockSync(this, _ledger, applier, _options, _clock, _logger);
            _loops.Add(_sync.RunAsync(_stop.Token));
        }

        foreach (var peer in _directory.Others)
        {
            if (ShouldDial(peer))
            {
                _loops.Add(new PeerDialer(this, peer).RunAsync(_stop.Token));
            }
        }

        _loops.Add(_txs.RunAsync(_stop.Token));
        _loops.Add(StatusLoopAsync(_stop.Token));
    }

    public void Broadcast(ConsensusMessage message) => BroadcastMessage(new PeerMessage { Consensus = message });

    public void Send(ReadOnlySpan<byte> nodeId, ConsensusMessage message)
    {
        if (_connections.TryGetValue(Convert.ToHexStringLower(nodeId), out var connection))
        {
            connection.TrySend(new PeerMessage { Consensus = message });
        }
    }

    public void Announce(ReadOnlyMemory<byte> envelope) => _txs.Add(envelope);

    /// <summary>True once <see cref="DisposeAsync"/> began: streams end because this node stops.</summary>
    internal bool IsStopping => Volatile.Read(ref _disposed) == 1;

    /// <summary>Closes every peer stream and stops dialing; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var connection in _connections.Values)
        {
            connection.Close();
        }

        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected way out of the loops.
        }

        _stop.Dispose();
    }

    /// <summary>
    /// Runs one stream from hello to close, for both the dialing and the accepting side.
    /// Returns when the stream ends, the peer misbehaves or the network stops.
    /// </summary>
    internal async Task RunStreamAsync(
        IAsyncStreamReader<PeerMessage> reader,
        IAsyncStreamWriter<PeerMessage> writer,
        Func<X509Certificate2?> remoteCertificate,
        PeerInfo? expected,
        CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var token = linked.Token;
        await writer.WriteAsync(new PeerMessage { Hello = OwnHello() }, token).ConfigureAwait(false);
        var peer = await ReadHelloAsync(reader, remoteCertificate, expected, token).ConfigureAwait(false);
        if (peer is null)
        {
            return;
        }

        var connection = new PeerConnection(peer, writer, _options.PeerQueueCapacity);
        if (_connections.TryRemove(peer.NodeIdHex, out var previous))
        {
            previous.Close();
        }

        _connections[peer.NodeIdHex] = connection;
        LogConnected(peer.Name);
        connection.TrySend(new PeerMessage { Status = OwnStatus() });
        SendPendingTransactions(connection);
        var writing = connection.RunWriterAsync(token);
        try
        {
            while (await reader.MoveNext(token).ConfigureAwait(false))
            {
                var problem = Dispatch(connection, reader.Current);
                if (problem is not null)
                {
                    LogBanned(peer.Name, problem);
                    Bans.Ban(peer.NodeIdHex);
                    break;
                }
            }
        }
        finally
        {
            _connections.TryRemove(new KeyValuePair<string, PeerConnection>(peer.NodeIdHex, connection));
            connection.Close();
            LogDisconnected(peer.Name);
            try
            {
                await writing.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or RpcException or IOException or InvalidOperationException)
            {
                // The stream is gone; whatever was queued for it is dropped.
            }
        }
    }

    /// <summary>Gossip reaches only connected peers: a peer that just (re)connected gets what waits here.</summary>
    private void SendPendingTransactions(PeerConnection connection)
    {
        var pending = _txSink?.Pending(_options.MaxPendingOnConnect) ?? [];
        for (var start = 0; start < pending.Count; start += _options.MaxTxsPerBatch)
        {
            var batch = new TxBatch();
            for (var i = start; i < Math.Min(pending.Count, start + _options.MaxTxsPerBatch); i++)
            {
                batch.Envelopes.Add(UnsafeByteOperations.UnsafeWrap(pending[i]));
            }

            connection.TrySend(new PeerMessage { Txs = batch });
        }
    }

    internal PeerConnection? Connection(string nodeIdHex) => _connections.GetValueOrDefault(nodeIdHex);

    private bool ShouldDial(PeerInfo peer) => _selfId.AsSpan().SequenceCompareTo(peer.NodeId) < 0;

    private void BroadcastMessage(PeerMessage message)
    {
        foreach (var connection in _connections.Values)
        {
            connection.TrySend(message);
        }
    }

    private Hello OwnHello() => new()
    {
        ChainId = _directory.ChainId,
        NodeId = ByteString.CopyFrom(_selfId),
        Signature = ByteString.CopyFrom(_consensusKey.Sign(HelloProof.SignedBytes(_directory.ChainId, _selfId, _tlsCertificate.RawData))),
        Height = _ledger.Height ?? 0,
    };

    private PeerStatus OwnStatus()
    {
        var tip = _ledger.Tip;
        return new PeerStatus { Height = tip?.Height ?? 0, TipHash = tip is null ? ByteString.Empty : ByteString.CopyFrom(tip.Hash) };
    }

    private async Task<PeerInfo?> ReadHelloAsync(IAsyncStreamReader<PeerMessage> reader, Func<X509Certificate2?> remoteCertificate, PeerInfo? expected, CancellationToken token)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(_options.HelloTimeout);
        if (!await reader.MoveNext(timeout.Token).ConfigureAwait(false) || reader.Current.Hello is not { } hello)
        {
            LogRefused(expected?.Name ?? "?", "the first message was not a hello");
            return null;
        }

        var refusal = CheckHello(hello, remoteCertificate(), expected, out var peer);
        if (refusal is not null)
        {
            LogRefused(peer?.Name ?? Convert.ToHexStringLower(hello.NodeId.Span), refusal);
            return null;
        }

        return peer;
    }

    private string? CheckHello(Hello hello, X509Certificate2? certificate, PeerInfo? expected, out PeerInfo? peer)
    {
        peer = _directory.Find(hello.NodeId.Span);
        if (!string.Equals(hello.ChainId, _directory.ChainId, StringComparison.Ordinal))
        {
            return $"it runs chain '{hello.ChainId}'";
        }

        if (peer is null || hello.NodeId.Span.SequenceEqual(_selfId))
        {
            return "its node id is not a node of this chain";
        }

        if (expected is not null && !ReferenceEquals(expected, peer))
        {
            return $"expected {expected.Name} at that address";
        }

        if (Bans.IsBanned(peer.NodeIdHex))
        {
            return "it is banned for a while after misbehaving";
        }

        var untrusted = _trust.Check(certificate, _clock.GetUtcNow());
        if (untrusted is not null)
        {
            return untrusted;
        }

        if (!string.Equals(Core.Identity.CertificateInfo.CommonNameOf(certificate!.RawData), peer.TlsCommonName, StringComparison.Ordinal))
        {
            return $"its TLS certificate is not {peer.TlsCommonName}'s";
        }

        var signed = HelloProof.SignedBytes(_directory.ChainId, peer.NodeId, certificate.RawData);
        return peer.ConsensusKey.Verify(signed, hello.Signature.Span) == SignatureCheck.Valid
            ? null
            : "its hello is not signed by the node's consensus key";
    }

    /// <summary>Null when the message was fine; otherwise why the peer is banned.</summary>
    private string? Dispatch(PeerConnection connection, PeerMessage message)
    {
        switch (message.BodyCase)
        {
            case PeerMessage.BodyOneofCase.Consensus:
                return _inbox is null || _inbox.Deliver(connection.Peer.NodeId, message.Consensus) != Delivery.Invalid
                    ? null
                    : "an invalid consensus message";
            case PeerMessage.BodyOneofCase.Txs:
                if (message.Txs.Envelopes.Count > _options.MaxTxsPerBatch)
                {
                    return $"a batch of {message.Txs.Envelopes.Count} transactions";
                }

                _txIntake?.Add(message.Txs);
                return null;
            case PeerMessage.BodyOneofCase.Status:
                connection.Height = message.Status.Height;
                _sync?.PeerAdvanced();
                return null;
            case PeerMessage.BodyOneofCase.BlockRequest:
                return ServeBlocks(connection, message.BlockRequest);
            case PeerMessage.BodyOneofCase.BlockResponse:
                _sync?.Received(connection, message.BlockResponse);
                return null;
            default:
                return $"an unexpected {message.BodyCase} message";
        }
    }

    private string? ServeBlocks(PeerConnection connection, BlockRequest request)
    {
        if (request.Count == 0 || request.Count > _options.MaxBlocksPerResponse)
        {
            return $"a request for {request.Count} blocks";
        }

        var response = new BlockResponse { Height = _ledger.Height ?? 0 };
        long bytes = 0;
        for (var height = request.FromHeight; height < request.FromHeight + request.Count && bytes < _options.MaxResponseBytes; height++)
        {
            var block = _ledger.GetBlock(height);
            if (block is null)
            {
                break;
            }

            bytes += block.CalculateSize();
            response.Blocks.Add(block);
        }

        connection.TrySend(new PeerMessage { BlockResponse = response });
        return null;
    }

    private async Task StatusLoopAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(_options.StatusInterval, _clock);
        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
        {
            BroadcastMessage(new PeerMessage { Status = OwnStatus() });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Peer {Peer} connected")]
    private partial void LogConnected(string peer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Peer {Peer} disconnected")]
    private partial void LogDisconnected(string peer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused peer {Peer}: {Reason}")]
    private partial void LogRefused(string peer, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Banned peer {Peer}: it sent {Reason}")]
    private partial void LogBanned(string peer, string reason);
}
