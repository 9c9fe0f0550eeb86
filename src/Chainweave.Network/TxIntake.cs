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
            var envelopes = batch.Envelopes;
            Parallel.For(0, envelopes.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => sink.Receive(envelopes[i].Memory));
        }
    }
}
