namespace Chainweave.Consensus.Tbft;

/// <summary>Tunables of the TBFT engine; the defaults suit a LAN or a small WAN.</summary>
public sealed record TbftOptions
{
    /// <summary>Folder of the WAL (tbft.wal) and the last-signed guard (tbft.last-signed), e.g. DATA/consensus.</summary>
    public required string WalFolder { get; init; }

    public TbftTimeouts Timeouts { get; init; } = new();

    /// <summary>
    /// TBFT's own ceiling on transactions per block. Every validator re-executes a proposal before it
    /// prevotes and the proposer executes it before proposing, all within the round's timeouts: smaller
    /// blocks keep a round well inside them on slow machines and pipeline better (the next height starts
    /// while the pool still holds the rest), at the same throughput.
    /// </summary>
    public const int TbftMaxTxsPerBlock = 4_000;

    private readonly int _maxTxsPerBlock = TbftMaxTxsPerBlock;

    /// <summary>
    /// The chain's block.max_txs, capped at <see cref="TbftMaxTxsPerBlock"/>: what a validator accepts.
    /// A proposer may take fewer (<see cref="ProposalSizer"/>).
    /// </summary>
    public int MaxTxsPerBlock
    {
        get => _maxTxsPerBlock;
        init => _maxTxsPerBlock = Math.Min(value, TbftMaxTxsPerBlock);
    }

    public long MaxBlockBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>A proposed block whose time is further ahead of this node's clock than this gets a nil prevote.</summary>
    public TimeSpan MaxClockDrift { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sync the WAL and the guard to disk (FileStream.Flush(true)); only tests that never crash the machine may turn this off.</summary>
    public bool DurableWrites { get; init; } = true;
}
