using Chainweave.Api.Ledger;

namespace Chainweave.Consensus;

/// <summary>
/// Resolves the transactions of a block this node did not build. Resolving checks the signature of
/// every transaction not already in this node's pool, which for a large block from a peer is most of
/// the time spent on it, so a large block is resolved on all cores (<see cref="ITxSource.Resolve"/> is
/// thread-safe). The outcome does not depend on the order the work ran in: the first invalid
/// transaction in block order is the one reported.
/// </summary>
internal static class BlockTxResolver
{
    /// <summary>Below this many transactions, handing work to other threads costs more than it saves.</summary>
    private const int ParallelThreshold = 64;

    /// <summary>Transactions one worker resolves together: eight groups of eight signature lanes.</summary>
    private const int ChunkSize = 64;

    /// <summary>Every transaction resolved, in block order; or null with the first invalid one's index and reason.</summary>
    public static PooledTx[]? ResolveAll(ITxSource source, Block block, long blockTimeMs, out int invalidIndex, out string code, out string message)
    {
        var count = block.Txs.Count;
        var envelopes = new ReadOnlyMemory<byte>[count];
        for (var i = 0; i < count; i++)
        {
            envelopes[i] = block.Txs[i].Memory;
        }

        var resolved = new PooledTx?[count];
        var codes = new string[count];
        var messages = new string[count];
        if (count < ParallelThreshold)
        {
            source.ResolveMany(envelopes, blockTimeMs, resolved, codes, messages);
        }
        else
        {
            // Chunks rather than single transactions, so that each worker checks its signatures together.
            var chunks = (count + ChunkSize - 1) / ChunkSize;
            Parallel.For(0, chunks, chunk =>
            {
                var start = chunk * ChunkSize;
                var length = Math.Min(ChunkSize, count - start);
                source.ResolveMany(envelopes.AsSpan(start, length), blockTimeMs, resolved.AsSpan(start, length), codes.AsSpan(start, length), messages.AsSpan(start, length));
            });
        }

        var txs = new PooledTx[count];
        for (var i = 0; i < count; i++)
        {
            if (resolved[i] is not { } tx)
            {
                invalidIndex = i;
                code = codes[i];
                message = messages[i];
                return null;
            }

            txs[i] = tx;
        }

        invalidIndex = -1;
        code = string.Empty;
        message = string.Empty;
        return txs;
    }
}
