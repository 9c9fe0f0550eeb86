using System.Threading.Channels;
using Chainweave.Api.P2p;

namespace Chainweave.Network;

/// <summary>
/// Checks transactions gossiped by peers away from the stream readers: a batch's signatures are
/// verified on all cores while the stream goes on delivering consensus messages, which must never
/// wait behind thousands of transactions. Bounded: when intake falls behind, further batches are
/// dropped; the proposer's block still carries those transactions and validators check them then.
/// </summary>
internal sealed class TxIntake(IPeerTxSink sink, int capacity)
{
    /// <summary>
    /// Transactions one worker takes at a time: enough for a signature batch to fill its lanes, few enough
    /// that a small gossip batch still spreads over the cores.
    /// </summary>
    private const int ChunkSize = 32;

    private readonly Channel<TxBatch> _batches = Channel.CreateBounded<TxBatch>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Add(TxBatch batch) => _batches.Writer.TryWrite(batch);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var batch in _batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var envelopes = new ReadOnlyMemory<byte>[batch.Envelopes.Count];
            for (var i = 0; i < envelopes.Length; i++)
            {
                envelopes[i] = batch.Envelopes[i].Memory;
            }

            // Chunks rather than single transactions, so that each worker checks its signatures together.
            var chunks = (envelopes.Length + ChunkSize - 1) / ChunkSize;
            Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, chunk =>
            {
                var start = chunk * ChunkSize;
                sink.ReceiveMany(envelopes.AsSpan(start, Math.Min(ChunkSize, envelopes.Length - start)));
            });
        }
    }
}
