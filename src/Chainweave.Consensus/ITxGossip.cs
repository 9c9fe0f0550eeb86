namespace Chainweave.Consensus;

/// <summary>
/// Spreads transactions a client submitted to this node to the other nodes' pools, so that whichever
/// validator proposes next has them. Must not block the submitter.
/// </summary>
public interface ITxGossip
{
    void Announce(ReadOnlyMemory<byte> envelope);
}

/// <summary>A single node has nobody to tell.</summary>
public sealed class NoGossip : ITxGossip
{
    public void Announce(ReadOnlyMemory<byte> envelope)
    {
    }
}
