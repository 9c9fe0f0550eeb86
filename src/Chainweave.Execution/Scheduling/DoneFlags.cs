namespace Chainweave.Execution.Scheduling;

/// <summary>
/// Which of a block's transactions have finished, and a way to wait for one. Waits are short (one
/// transaction's run) so a waiter spins briefly before it blocks; a finisher wakes blocked waiters
/// only when there are any.
/// </summary>
internal sealed class DoneFlags(int count)
{
    private const int SpinsBeforeBlocking = 64;
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(5);

    private readonly int[] _done = new int[count];
    private readonly object _gate = new(); // Monitor.Wait needs an object monitor, not a Lock
    private int _blockedWaiters;
    private int _abandoned;

    public void MarkDone(int index)
    {
        // A full fence before reading the waiter count pairs with the one in Wait: a waiter either
        // sees the flag or is counted here and woken.
        Interlocked.Exchange(ref _done[index], 1);
        if (Volatile.Read(ref _blockedWaiters) > 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Stops every wait: a worker failed and the block's run is over.</summary>
    public void Abandon()
    {
        Volatile.Write(ref _abandoned, 1);
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits until <paramref name="index"/> is done; false when the run was abandoned.</summary>
    public bool Wait(int index)
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _done[index]) == 0)
        {
            if (Volatile.Read(ref _abandoned) == 1)
            {
                return false;
            }

            if (spinner.Count < SpinsBeforeBlocking)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            lock (_gate)
            {
                Interlocked.Increment(ref _blockedWaiters);
                try
                {
                    if (Volatile.Read(ref _done[index]) == 0 && Volatile.Read(ref _abandoned) == 0)
                    {
                        Monitor.Wait(_gate, RecheckInterval);
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref _blockedWaiters);
                }
            }
        }

        return true;
    }
}
