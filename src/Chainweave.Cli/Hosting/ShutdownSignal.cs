using System.Runtime.InteropServices;

namespace Chainweave.Cli.Hosting;

/// <summary>
/// Turns the first SIGINT (Ctrl-C) or SIGTERM into a cancellation so a command can stop gracefully;
/// a second signal is left to its default action, so a stuck shutdown can still be interrupted.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _requested;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public ShutdownSignal(CancellationToken outer)
    {
        _requested = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled when a stop was requested (signal or the caller's token).</summary>
    public CancellationToken Token => _requested.Token;

    /// <summary>Completes when a stop is requested; never faults.</summary>
    public Task WhenRequested()
    {
        var requested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Token.Register(() => requested.TrySetResult());
        return requested.Task;
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _requested.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_requested.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        _requested.Cancel();
    }
}
