using System.Threading.Channels;
using Chainweave.Api.P2p;
using Grpc.Core;

namespace Chainweave.Network;

/// <summary>
/// One authenticated stream to a peer. Sends go through a bounded queue drained by one writer, so
/// a slow peer never blocks consensus: when its queue is full, new messages to it are dropped.
/// </summary>
public sealed class PeerConnection
{
    private readonly Channel<PeerMessage> _outbound;
    private readonly IAsyncStreamWriter<PeerMessage> _writer;
    private long _dropped;

    internal PeerConnection(PeerInfo peer, IAsyncStreamWriter<PeerMessage> writer, int capacity)
    {
        Peer = peer;
        _writer = writer;
        _outbound = Channel.CreateBounded<PeerMessage>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
    }

    public PeerInfo Peer { get; }

    /// <summary>The committed height the peer last told us.</summary>
    public ulong Height { get; internal set; }

    public long Dropped => Interlocked.Read(ref _dropped);

    public bool TrySend(PeerMessage message)
    {
        if (_outbound.Writer.TryWrite(message))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    internal void Close() => _outbound.Writer.TryComplete();

    internal async Task RunWriterAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await _writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }
}
