namespace Chainweave.Consensus.Tbft;

public enum SyncStatus
{
    /// <summary>The block was checked, executed and committed; the engine moved to the next height.</summary>
    Applied,

    /// <summary>The block is not the one after the ledger's tip (already committed, or a gap).</summary>
    NotNext,

    /// <summary>The certificate, header or execution results are wrong.</summary>
    Invalid,
}

/// <summary>What <see cref="TbftEngine.ApplyCommittedBlockAsync"/> made of a synced block.</summary>
public sealed record SyncResult(SyncStatus Status, string? Reason)
{
    public static SyncResult Applied { get; } = new(SyncStatus.Applied, null);

    public static SyncResult NotNext(string reason) => new(SyncStatus.NotNext, reason);

    public static SyncResult Invalid(string reason) => new(SyncStatus.Invalid, reason);
}

/// <summary>A peer reported a committed height more than one above this node's: block sync should fetch.</summary>
public sealed class PeerAheadEventArgs(ulong peerCommittedHeight, byte[] nodeId) : EventArgs
{
    public ulong PeerCommittedHeight { get; } = peerCommittedHeight;

    public ReadOnlyMemory<byte> NodeId { get; } = nodeId;
}

/// <summary>Where the replica's timers and transaction notifications come from: real timers in the engine, a virtual clock in tests.</summary>
public interface ITbftScheduler
{
    /// <summary>After <paramref name="after"/>, hand the timeout to the replica (on its thread).</summary>
    void Schedule(TbftTimeout timeout, TimeSpan after);

    /// <summary>Once a transaction waits in the pool, call the replica's OnTxsAvailable(height) (on its thread).</summary>
    void NotifyWhenTransactionsWait(ulong height);
}
