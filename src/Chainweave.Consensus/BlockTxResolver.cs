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

    /// <summary>Every transaction resolved, in block order; or null with the first invalid one's index and reason.</summary>
    public static PooledTx[]? ResolveAll(ITxSource source, Block block, long blockTimeMs, out int invalidIndex, out string code, out string message)
    {
        var count = block.Txs.Count;
        var resolved = new PooledTx?[count];
        var codes = new string[count];
        var messages = new string[count];
        if (count < ParallelThreshold)
        {
            for (var i = 0; i < count; i++)
            {
                resolved[i] = source.Resolve(block.Txs[i].Memory, blockTimeMs, out codes[i], out messages[i]);
            }
        }
        else
        {
            Parallel.For(0, count, i => resolved[i] = source.Resolve(block.Txs[i].Memory, blockTimeMs, out codes[i], out messages[i]));
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
