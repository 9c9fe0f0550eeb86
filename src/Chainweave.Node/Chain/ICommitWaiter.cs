using Chainweave.Api.Ledger;

namespace Chainweave.Node.Chain;

/// <summary>Hears of one transaction's commit; called on the commit path, so it must not block.</summary>
public interface ICommitWaiter
{
    void Committed(byte[] txId, ulong height, TxResult result);
}

/// <summary>A waiter for one transaction, awaited as a task (unary submit with wait).</summary>
public sealed class TaskWaiter : ICommitWaiter
{
    private readonly TaskCompletionSource<TxCommit> _commit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TxCommit> Task => _commit.Task;

    public void Committed(byte[] txId, ulong height, TxResult result) => _commit.TrySetResult(new TxCommit(height, result));
}
