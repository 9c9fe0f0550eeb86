using System.Diagnostics;

namespace Chainweave.Cli.Chaos;

/// <summary>
/// One start of a node process. Its exit is awaited once, in the background, and recorded: other threads
/// (the height probes, the load) read only that record, never the Process object, so a restart or a
/// disposal on one thread cannot throw "no process is associated with this object" on another. Signals go
/// only to a process not yet seen to exit, so a recycled process id is not hit.
/// </summary>
internal sealed class ChaosProcess : IDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private int _exitCode;
    private volatile bool _hasExited;
    private bool _disposed;

    public ChaosProcess(Process process)
    {
        _process = process;
        Id = process.Id;
        Exited = WatchAsync();
    }

    public int Id { get; }

    public bool HasExited => _hasExited;

    public int? ExitCode => _hasExited ? _exitCode : null;

    /// <summary>Completes (never faults) once the process has exited and been reaped.</summary>
    public Task Exited { get; }

    /// <summary>Sends a signal unless the process is gone; false when it was not sent.</summary>
    public bool Signal(Func<int, bool> send)
    {
        lock (_gate)
        {
            return !_disposed && !_hasExited && !_process.HasExited && send(Id);
        }
    }

    /// <summary>True when the process exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        try
        {
            await Exited.WaitAsync(timeout, ct).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _process.Dispose();
        }
    }

    private async Task WatchAsync()
    {
        try
        {
            await _process.WaitForExitAsync().ConfigureAwait(false);
            lock (_gate)
            {
                _exitCode = _disposed ? -1 : _process.ExitCode;
            }
        }
        catch (InvalidOperationException)
        {
            // Disposed before its exit was seen: nothing of it can be read any more.
            _exitCode = -1;
        }
        finally
        {
            _hasExited = true;
        }
    }
}
