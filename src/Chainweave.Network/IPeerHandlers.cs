using Chainweave.Api.Ledger;

namespace Chainweave.Network;

/// <summary>Where transactions gossiped by peers go (the pool, with the peer flag so they are not echoed).</summary>
public interface IPeerTxSink
{
    void Receive(ReadOnlyMemory<byte> envelope);

    /// <summary>Several gossiped transactions, whose signatures the sink may check together; this default receives them one by one.</summary>
    void ReceiveMany(ReadOnlySpan<ReadOnlyMemory<byte>> envelopes)
    {
        foreach (var envelope in envelopes)
        {
            Receive(envelope);
        }
    }

    /// <summary>Transactions still waiting here, oldest first: sent to a peer when it connects, so none waits on a node that cannot propose it.</summary>
    IReadOnlyList<byte[]> Pending(int max);
}

public enum BlockApplyOutcome
{
    Applied,

    /// <summary>Not the next height (already committed meanwhile, or a gap): not the peer's fault.</summary>
    NotNext,

    /// <summary>The block or its certificate is wrong: the peer that served it is banned.</summary>
    Invalid,
}

/// <summary>Commits a block fetched from a peer after checking its certificate and re-executing it.</summary>
public interface IBlockApplier
{
    /// <param name="moreFollow">The next blocks are in hand and will be applied right after this one.</param>
    Task<BlockApplyOutcome> ApplyAsync(Block block, bool moreFollow, CancellationToken cancellationToken);
}
