using Chainweave.Api.Consensus;

namespace Chainweave.Consensus.Tbft.Wal;

public enum WalRecordKind : byte
{
    /// <summary>A checked message from a peer.</summary>
    Received = 1,

    /// <summary>A message this node signed; always synced before it was sent.</summary>
    Own = 2,

    /// <summary>A timer that fired, so that replay takes the same path.</summary>
    Timeout = 3,

    /// <summary>Round 0 stopped waiting for transactions.</summary>
    TxsAvailable = 4,
}

/// <summary>One input of the state machine at a height, in the order it was handled.</summary>
public sealed record WalRecord(WalRecordKind Kind, ulong Height, ConsensusMessage? Message, TbftTimeout Timeout)
{
    public static WalRecord Received(ulong height, ConsensusMessage message) => new(WalRecordKind.Received, height, message, default);

    public static WalRecord Own(ulong height, ConsensusMessage message) => new(WalRecordKind.Own, height, message, default);

    public static WalRecord Fired(TbftTimeout timeout) => new(WalRecordKind.Timeout, timeout.Height, null, timeout);

    public static WalRecord TxsArrived(ulong height) => new(WalRecordKind.TxsAvailable, height, null, default);
}
