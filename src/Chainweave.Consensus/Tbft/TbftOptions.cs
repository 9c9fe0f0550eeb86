namespace Chainweave.Consensus.Tbft;

/// <summary>Tunables of the TBFT engine; the defaults suit a LAN or a small WAN.</summary>
public sealed record TbftOptions
{
    /// <summary>Folder of the WAL (tbft.wal) and the last-signed guard (tbft.last-signed), e.g. DATA/consensus.</summary>
    public required string WalFolder { get; init; }

    public TbftTimeouts Timeouts { get; init; } = new();

    public int MaxTxsPerBlock { get; init; } = 10_000;

    public long MaxBlockBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>A proposed block whose time is further ahead of this node's clock than this gets a nil prevote.</summary>
    public TimeSpan MaxClockDrift { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sync the WAL and the guard to disk (FileStream.Flush(true)); only tests that never crash the machine may turn this off.</summary>
    public bool DurableWrites { get; init; } = true;
}
