using Chainweave.Cli.Hosting;
using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;
using Google.Protobuf;

namespace Chainweave.Cli.Chaos;

/// <summary>The node processes of one chaos network: start, wait until healthy, read heights, guess the proposer.</summary>
internal sealed class ChaosCluster : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private const int LogTailLines = 30;

    private readonly HttpClient _http = new() { Timeout = ProbeTimeout };
    private readonly ByteString[] _sortedValidators;

    public ChaosCluster(InitializedNetwork network, IReadOnlyList<string> command)
    {
        var nodes = new List<ChaosNode>(network.Manifest.Nodes.Count);
        foreach (var entry in network.Manifest.Nodes)
        {
            nodes.Add(new ChaosNode(entry, Path.GetFullPath(Path.Combine(network.Dir, entry.Home)), command));
        }

        Nodes = nodes;
        var validators = network.Genesis.Validators.ToList();
        validators.Sort(static (a, b) => a.Span.SequenceCompareTo(b.Span));
        _sortedValidators = [.. validators];
    }

    public IReadOnlyList<ChaosNode> Nodes { get; }

    public async Task StartAllAsync(CancellationToken ct)
    {
        foreach (var node in Nodes)
        {
            node.Start();
        }

        await Task.WhenAll(Nodes.Select(n => WaitReadyAsync(n, ct))).ConfigureAwait(false);
    }

    /// <summary>Polls /healthz until it answers, then learns the node's id; fails with the end of its log.</summary>
    public async Task WaitReadyAsync(ChaosNode node, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(ReadyTimeout);
        try
        {
            while (true)
            {
                if (node.ExitCode is { } code)
                {
                    throw Failed(node, $"node {node.Name} exited during start (exit code {code})");
                }

                if (await IsHealthyAsync(node, deadline.Token).ConfigureAwait(false)
                    && await NodeIdAsync(node, deadline.Token).ConfigureAwait(false) is { } id)
                {
                    node.NodeId = id;
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw Failed(node, $"node {node.Name} did not become ready within {ReadyTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Each node's committed height, or null for a node that does not answer quickly.</summary>
    public async Task<ulong?[]> HeightsAsync(CancellationToken ct)
    {
        var probes = Nodes.Select(async n =>
        {
            if (n.Paused || !n.Running)
            {
                return (ulong?)null;
            }

            try
            {
                return (await n.Client.GetChainInfoAsync(ProbeTimeout, ct).ConfigureAwait(false)).Height;
            }
            catch (ChainError)
            {
                return null;
            }
        });
        return await Task.WhenAll(probes).ConfigureAwait(false);
    }

    public async Task<ulong> MaxHeightAsync(CancellationToken ct)
    {
        ulong max = 0;
        foreach (var height in await HeightsAsync(ct).ConfigureAwait(false))
        {
            if (height is { } h && h > max)
            {
                max = h;
            }
        }

        return max;
    }

    /// <summary>The node expected to propose round 0 of the next height, or null when its id is unknown.</summary>
    public ChaosNode? NextProposer(ulong committedHeight)
    {
        var id = _sortedValidators[(int)((committedHeight + 1) % (ulong)_sortedValidators.Length)];
        return Nodes.FirstOrDefault(n => id.Equals(n.NodeId));
    }

    public async Task StopAllAsync()
    {
        await Task.WhenAll(Nodes.Select(n => n.StopAsync(StopGrace))).ConfigureAwait(false);
    }

    public static ChainError Failed(ChaosNode node, string what) =>
        new(ErrorCodes.Unavailable, $"{what}; the end of {node.LogPath}:\n{LogTail.Read(node.LogPath, LogTailLines)}");

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync().ConfigureAwait(false);
        foreach (var node in Nodes)
        {
            node.Dispose();
        }

        _http.Dispose();
    }

    /// <summary>The node's id, or null while its API does not answer (a loaded machine can be slow to serve the first call).</summary>
    private static async Task<ByteString?> NodeIdAsync(ChaosNode node, CancellationToken ct)
    {
        try
        {
            return (await node.Client.GetChainInfoAsync(ProbeTimeout, ct).ConfigureAwait(false)).NodeId;
        }
        catch (ChainError e) when (e.Code == ErrorCodes.Unavailable)
        {
            return null;
        }
    }

    private async Task<bool> IsHealthyAsync(ChaosNode node, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri($"http://{node.Entry.Http}/healthz"), ct).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
