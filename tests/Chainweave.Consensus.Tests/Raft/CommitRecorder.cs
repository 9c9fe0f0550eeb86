using Chainweave.Consensus;
using Chainweave.Storage.Ledger;

namespace Chainweave.Consensus.Tests.Raft;

/// <summary>Records every commit a member reports and wakes tests waiting for a condition on it.</summary>
internal sealed class CommitRecorder : ICommitListener
{
    private readonly Lock _lock = new();
    private readonly List<(ulong Height, byte[] Hash)> _commits = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<(ulong Height, byte[] Hash)> Commits
    {
        get
        {
            lock (_lock)
            {
                return [.. _commits];
            }
        }
    }

    public void OnCommitted(CommittedBlock block)
    {
        lock (_lock)
        {
            _commits.Add((block.Header.Height, block.Hash));
            _waiters.RemoveAll(waiter =>
            {
                if (!waiter.Condition())
                {
                    return false;
                }

                waiter.Done.TrySetResult();
                return true;
            });
        }
    }

    /// <summary>Completes when the condition holds, checked now and after every commit.</summary>
    public Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        lock (_lock)
        {
            if (condition())
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, done));
            return done.Task.WaitAsync(timeout);
        }
    }
}
