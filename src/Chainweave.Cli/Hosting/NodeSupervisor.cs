using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;

namespace Chainweave.Cli.Hosting;

/// <summary>The nodes `up` started: start them, wait until each is healthy, notice one dying, stop them all.</summary>
internal sealed class NodeSupervisor : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private const int LogTailLines = 30;

    private readonly List<NodeProcess> _nodes = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    /// <summary>Whether something already answers the node's health check (started elsewhere).</summary>
    public async Task<bool> IsHealthyAsync(NodeEntry node, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri($"http://{node.Http}/healthz"), ct).ConfigureAwait(false);
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

    public NodeProcess Start(NodeEntry node, string home)
    {
        var process = NodeProcess.Start(node, home);
        _nodes.Add(process);
        return process;
    }

    /// <summary>Polls /healthz until it answers 200; on timeout or an early exit, the error carries the end of the node's log.</summary>
    public async Task WaitReadyAsync(NodeProcess node, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(ReadyTimeout);
        while (true)
        {
            if (node.HasExited)
            {
                throw Failed(node, $"node {node.Node.Name} exited during start (exit code {node.Process.ExitCode})");
            }

            if (await IsHealthyAsync(node.Node, deadline.Token).ConfigureAwait(false))
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw Failed(node, $"node {node.Node.Name} did not answer http://{node.Node.Http}/healthz within {ReadyTimeout.TotalSeconds:0} s");
            }
        }
    }

    /// <summary>Completes with the first of the given nodes that exits.</summary>
    public static async Task<NodeProcess> AnyExitAsync(IReadOnlyList<NodeProcess> nodes, CancellationToken ct)
    {
        var exits = nodes.Select(async n =>
        {
            await n.Process.WaitForExitAsync(ct).ConfigureAwait(false);
            return n;
        }).ToList();
        return await await Task.WhenAny(exits).ConfigureAwait(false);
    }

    public static ChainError Failed(NodeProcess node, string what) =>
        new(ErrorCodes.Unavailable, $"{what}; the end of {node.LogPath}:\n{LogTail.Read(node.LogPath, LogTailLines)}");

    public async Task StopAllAsync()
    {
        await Task.WhenAll(_nodes.Select(n => n.StopAsync(StopGrace))).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync().ConfigureAwait(false);
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        _http.Dispose();
    }
}
