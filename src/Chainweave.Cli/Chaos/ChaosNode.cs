using System.Diagnostics;
using Chainweave.Cli.Hosting;
using Chainweave.Core.Genesis;
using Chainweave.Sdk;
using Google.Protobuf;

namespace Chainweave.Cli.Chaos;

/// <summary>
/// One node of the chaos network as a child process (`chainweave node start --home HOME`, output appended
/// to HOME/node.log), with the signals chaos needs: SIGKILL, SIGSTOP/SIGCONT and a graceful SIGTERM.
/// </summary>
internal sealed class ChaosNode : IDisposable
{
    private readonly IReadOnlyList<string> _command;
    private Process? _process;

    public ChaosNode(NodeEntry entry, string home, IReadOnlyList<string> command)
    {
        Entry = entry;
        Home = home;
        LogPath = Path.Combine(home, NodeProcess.LogFileName);
        _command = command;
        Client = new ChainClient(entry.Grpc, entry.Name);
    }

    public NodeEntry Entry { get; }

    public string Name => Entry.Name;

    public string Home { get; }

    public string LogPath { get; }

    /// <summary>A long-lived connection; gRPC reconnects by itself once a restarted node listens again.</summary>
    public ChainClient Client { get; }

    /// <summary>The node id the node reports, learnt once it first answers.</summary>
    public ByteString? NodeId { get; set; }

    public bool Paused { get; private set; }

    public bool Running => _process is { HasExited: false };

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    public void Start()
    {
        if (Running)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        _process?.Dispose();
        File.AppendAllText(LogPath, $"=== {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC: started by `chainweave chaos` ===\n");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$@\" >>\"$CHAINWEAVE_NODE_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add("chainweave-node");
        foreach (var part in _command)
        {
            start.ArgumentList.Add(part);
        }

        start.ArgumentList.Add("node");
        start.ArgumentList.Add("start");
        start.ArgumentList.Add("--home");
        start.ArgumentList.Add(Home);
        start.Environment["CHAINWEAVE_NODE_LOG"] = LogPath;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"the process of {Name} did not start");
        Paused = false;
    }

    /// <summary>SIGKILL: no chance to flush or close anything.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        ChaosSignals.Kill(process.Id);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        Paused = false;
    }

    public void Pause()
    {
        if (_process is { HasExited: false } process && ChaosSignals.Pause(process.Id))
        {
            Paused = true;
        }
    }

    public void Resume()
    {
        if (_process is { HasExited: false } process)
        {
            ChaosSignals.Resume(process.Id);
        }

        Paused = false;
    }

    /// <summary>SIGTERM, then SIGKILL when the node has not stopped within the grace period; a paused node is woken first.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        Resume();
        ChaosSignals.Terminate(process.Id);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        _process?.Dispose();
    }
}
