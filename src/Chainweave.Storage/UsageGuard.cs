namespace Chainweave.Storage;

/// <summary>
/// Counts operations in flight on a native handle so that closing waits for them: using a closed
/// RocksDB handle would crash the process instead of throwing. Works across threads, unlike a
/// reader-writer lock, because an open iterator may be finished on another thread.
/// </summary>
internal sealed class UsageGuard
{
    private const int ClosedFlag = int.MinValue;
    private int _state;

    /// <summary>Starts an operation; throws <see cref="ObjectDisposedException"/> once closing began.</summary>
    public void Enter(object owner)
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            ObjectDisposedException.ThrowIf((state & ClosedFlag) != 0, owner);
            if (Interlocked.CompareExchange(ref _state, state + 1, state) == state)
            {
                return;
            }
        }
    }

    public void Exit() => Interlocked.Decrement(ref _state);

    public bool IsClosed => (Volatile.Read(ref _state) & ClosedFlag) != 0;

    /// <summary>Refuses new operations, then waits until those in flight have ended. True the first time.</summary>
    public bool Close()
    {
        var before = Interlocked.Or(ref _state, ClosedFlag);
        var spin = new SpinWait();
        while ((Volatile.Read(ref _state) & ~ClosedFlag) != 0)
        {
            spin.SpinOnce();
        }

        return (before & ClosedFlag) == 0;
    }
}
