using System.Threading.Channels;
using Chainweave.Api.P2p;
using Google.Protobuf;

namespace Chainweave.Network;

/// <summary>
/// Gathers transactions submitted here into batches for the peers: one message per batch instead of
/// one per transaction. A batch goes out as soon as the previous one is sent, so batches grow with load.
/// </summary>
internal sealed class TxBatcher(int maxPerBatch, Action<TxBatch> send)
{
    private readonly Channel<ByteString> _queue = Channel.CreateBounded<ByteString>(new BoundedChannelOptions(200_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Add(ReadOnlyMemory<byte> envelope) => _queue.Writer.TryWrite(UnsafeByteOperations.UnsafeWrap(envelope));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var batch = new TxBatch();
            while (batch.Envelopes.Count < maxPerBatch && reader.TryRead(out var envelope))
            {
                batch.Envelopes.Add(envelope);
            }

            send(batch);
        }
    }
}
