using Chainweave.Api.P2p;
using Chainweave.Storage.Ledger;
using Microsoft.Extensions.Logging;

namespace Chainweave.Network;

/// <summary>
/// Catches this node up when peers are ahead (after a restart, a wipe, a partition): asks one peer
/// at a time for the next blocks, hands each to the applier (which checks the certificate and
/// re-executes), and bans a peer that serves a bad block or claims a height it cannot serve.
/// Consensus keeps running meanwhile; a block it commits first is simply skipped.
/// </summary>
internal sealed partial class BlockSync
{
    private const int StrikesBeforeBan = 3;
    private readonly PeerNetwork _network;
    private readonly LedgerStore _ledger;
    private readonly IBlockApplier _applier;
    private readonly PeerNetworkOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Dictionary<string, int> _strikes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TaskCompletionSource<(PeerConnection From, BlockResponse Response)>? _pending;
    private string? _askedPeer;

    public BlockSync(PeerNetwork network, LedgerStore ledger, IBlockApplier applier, PeerNetworkOptions options, TimeProvider clock, ILogger logger)
    {
        _network = network;
        _ledger = ledger;
        _applier = applier;
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    public void PeerAdvanced()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    public void Received(PeerConnection from, BlockResponse response)
    {
        lock (_gate)
        {
            if (_pending is not null && string.Equals(_askedPeer, from.Peer.NodeIdHex, StringComparison.Ordinal))
            {
                _pending.TrySetResult((from, response));
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ulong lastHeight = 0;
        var lastProgress = _clock.GetUtcNow();
        var fetched = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Right after a batch was applied the next one is asked for at once: waiting for the next
            // status between batches would cap catching up at one batch per status interval.
            if (!fetched)
            {
                await _wake.WaitAsync(_options.StatusInterval, cancellationToken).ConfigureAwait(false);
            }

            fetched = false;
            var height = _ledger.Height ?? 0;
            var now = _clock.GetUtcNow();
            if (height != lastHeight)
            {
                lastHeight = height;
                lastProgress = now;
            }

            var ahead = BestPeerAhead(height);
            if (ahead is null)
            {
                continue;
            }

            // One block behind is normal while a round is under way; sync only when consensus is not closing the gap itself.
            var stalled = now - lastProgress > _options.StatusInterval * 3;
            if (ahead.Height < height + 2 && !stalled)
            {
                continue;
            }

            fetched = await FetchFromAsync(ahead, height, cancellationToken).ConfigureAwait(false);
        }
    }

    private PeerConnection? BestPeerAhead(ulong height)
    {
        PeerConnection? best = null;
        foreach (var connection in _network.Connected)
        {
            if (connection.Height > height && (best is null || connection.Height > best.Height) && !_network.Bans.IsBanned(connection.Peer.NodeIdHex))
            {
                best = connection;
            }
        }

        return best;
    }

    /// <returns>Whether the peer's blocks moved this node's tip.</returns>
    private async Task<bool> FetchFromAsync(PeerConnection peer, ulong height, CancellationToken cancellationToken)
    {
        var count = (uint)Math.Min((ulong)_options.MaxBlocksPerResponse, peer.Height - height);
        var waiter = new TaskCompletionSource<(PeerConnection, BlockResponse)>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pending = waiter;
            _askedPeer = peer.Peer.NodeIdHex;
        }

        BlockResponse? response = null;
        try
        {
            if (peer.TrySend(new PeerMessage { BlockRequest = new BlockRequest { FromHeight = height + 1, Count = count } }))
            {
                (_, response) = await waiter.Task.WaitAsync(_options.SyncRequestTimeout, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            response = null;
        }
        finally
        {
            lock (_gate)
            {
                _pending = null;
                _askedPeer = null;
            }
        }

        if (response is null || response.Blocks.Count == 0)
        {
            Strike(peer, "did not serve the blocks it claims to have");
            return false;
        }

        for (var i = 0; i < response.Blocks.Count; i++)
        {
            // The batch's last block is committed durably, and with it all before it.
            var outcome = await _applier.ApplyAsync(response.Blocks[i], moreFollow: i < response.Blocks.Count - 1, cancellationToken).ConfigureAwait(false);
            if (outcome == BlockApplyOutcome.Invalid)
            {
                LogBadBlock(peer.Peer.Name);
                _network.Bans.Ban(peer.Peer.NodeIdHex);
                return false;
            }
        }

        var now = _ledger.Height ?? 0;
        LogSynced(response.Blocks.Count, peer.Peer.Name, now);
        return now > height;
    }

    private void Strike(PeerConnection peer, string what)
    {
        var strikes = _strikes.GetValueOrDefault(peer.Peer.NodeIdHex) + 1;
        _strikes[peer.Peer.NodeIdHex] = strikes;
        if (strikes >= StrikesBeforeBan)
        {
            _strikes.Remove(peer.Peer.NodeIdHex);
            LogLiar(peer.Peer.Name, what);
            _network.Bans.Ban(peer.Peer.NodeIdHex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Count} blocks from {Peer}; now at height {Height}")]
    private partial void LogSynced(int count, string peer, ulong height);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Banned peer {Peer}: it served a block that failed verification")]
    private partial void LogBadBlock(string peer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Banned peer {Peer}: it {What}")]
    private partial void LogLiar(string peer, string what);
}
