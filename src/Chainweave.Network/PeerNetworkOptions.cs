namespace Chainweave.Network;

/// <summary>Limits and timings of the peer network. Every size or count read from a peer is bounded here.</summary>
public sealed record PeerNetworkOptions
{
    /// <summary>Largest message accepted on a peer stream (a proposal carries a whole block).</summary>
    public int MaxMessageBytes { get; init; } = 80 << 20;

    /// <summary>Messages waiting to be sent to one peer; beyond this new ones are dropped (consensus re-sends on timeouts).</summary>
    public int PeerQueueCapacity { get; init; } = 4096;

    public int MaxTxsPerBatch { get; init; } = 2048;

    /// <summary>Waiting transactions sent to a peer when it connects.</summary>
    public int MaxPendingOnConnect { get; init; } = 50_000;

    public int MaxBlocksPerResponse { get; init; } = 64;

    public long MaxResponseBytes { get; init; } = 32L << 20;

    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMin { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan BanDuration { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan SyncRequestTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
