using System.Diagnostics;
using Chainweave.Cli.Hosting;
using Chainweave.Core.Errors;
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
    /// <summary>How long a SIGKILLed node may take to be gone (a process in an uninterruptible disk wait dies only when the I/O ends).</summary>
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan DisposeKillWait = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<string> _command;
    private readonly Lock _gate = new();
    private readonly List<ChaosProcess> _lives = [];
    private volatile ChaosProcess? _current;
    private bool _disposed;

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

    /// <summary>Safe from any thread, also while the node is being restarted or disposed.</summary>
    public bool Running => _current is { HasExited: false };

    public int? ExitCode => _current?.ExitCode;

    /// <summary>Completes once the current process has exited (at once when none runs).</summary>
    public Task Exited => _current?.Exited ?? Task.CompletedTask;

    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (Running)
            {
                throw new InvalidOperationException($"{Name} is already running");
            }

            File.AppendAllText(LogPath, $"=== {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC: started by `chainweave chaos` ===\n");
            var process = Process.Start(NodeProcess.StartInfo(_command, Home, LogPath)) ?? throw new InvalidOperationException($"the process of {Name} did not start");

            // Earlier lives are kept, not disposed, until the node is: another thread may still hold one.
            var life = new ChaosProcess(process);
            _lives.Add(life);
            _current = life;
            Paused = false;
        }
    }

    /// <summary>SIGKILL: no chance to flush or close anything. Returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        if (_current is not { } life)
        {
            return;
        }

        await KillAsync(life).ConfigureAwait(false);
    }

    public void Pause()
    {
        if (_current is { } life && life.Signal(ChaosSignals.Pause))
        {
            Paused = true;
        }
    }

    public void Resume()
    {
        _current?.Signal(ChaosSignals.Resume);
        Paused = false;
    }

    /// <summary>SIGTERM, then SIGKILL when the node has not stopped within the grace period; a paused node is woken first.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        // One process throughout: a restart on another thread must not redirect the kill to the new one.
        if (_current is not { HasExited: false } life)
        {
            return;
        }

        life.Signal(ChaosSignals.Resume);
        Paused = false;
        life.Signal(ChaosSignals.Terminate);
        if (!await life.WaitForExitAsync(grace).ConfigureAwait(false))
        {
            await KillAsync(life).ConfigureAwait(false);
        }
    }

    /// <summary>Kills what still runs (no node outlives the chaos run) and releases every process handle.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var life in _lives)
            {
                if (life.Signal(ChaosSignals.Kill))
                {
                    // Reaped before the handle goes, so the exit is recorded; a SIGKILLed process is gone in milliseconds.
                    life.Exited.Wait(DisposeKillWait);
                }

                life.Dispose();
            }

            _lives.Clear();
        }

        Client.Dispose();
    }

    private async Task KillAsync(ChaosProcess life)
    {
        life.Signal(ChaosSignals.Kill);
        if (!await life.WaitForExitAsync(KillTimeout).ConfigureAwait(false))
        {
            throw new ChainError(
                ErrorCodes.Unavailable,
                $"node {Name} (pid {life.Id}) did not exit within {KillTimeout.TotalSeconds:0} s of SIGKILL; it is likely stuck in the kernel on I/O: check `ps -o pid,stat,wchan -p {life.Id}` and the disk");
        }

        Paused = false;
    }
}
