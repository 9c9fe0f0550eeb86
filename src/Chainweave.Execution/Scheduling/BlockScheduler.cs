using Chainweave.Api.Ledger;
using Chainweave.Execution.Running;
using Chainweave.Execution.State;

namespace Chainweave.Execution.Scheduling;

/// <summary>
/// Executes a block's transactions in parallel with results identical, byte for byte and gas for gas,
/// to running them one after another. A proposer runs them all at once on the committed state and,
/// as they finish, walks the block in order (<see cref="InOrderCommit"/>), running again on the state
/// so far each transaction that read something an earlier one wrote; the dependency graph this yields
/// goes into the block. Validators run along that graph: a transaction starts once those it depends on
/// are done, reading the last earlier write of each key, and the graph they rebuild from their own run
/// must equal the one they were given.
/// </summary>
internal sealed class BlockScheduler(TxRunner runner, ExecutionWorkers? workers, IStateScanner? scanner)
{
    /// <summary>Below this many transactions, handing work to other threads costs more than it saves.</summary>
    private const int MinParallelTxs = 8;

    /// <summary>The proposer's run: optimistic in parallel, with an in-order pass that keeps up and re-runs the conflicting.</summary>
    public ExecutionOutput Execute(IStateReader committed, BlockContext block, IReadOnlyList<ExecutableTx> txs)
    {
        var commit = new InOrderCommit(committed, scanner, txs, (view, tx) => RunRecorded(view, block, tx), rerunConflicts: true);
        if (workers is null)
        {
            return commit.Finish();
        }

        if (txs.Count >= MinParallelTxs && workers.Count > 1)
        {
            var snapshot = new BlockState(committed, scanner);
            var next = -1;
            workers.Run(workers.Count, _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < txs.Count)
                {
                    var (outcome, access) = RunRecorded(snapshot, block, txs[i]);
                    commit.Offer(i, outcome, access);
                    commit.TryAdvance();
                }
            });
        }

        ExecutionOutput? output = null;
        workers.Run(1, _ => output = commit.Finish());
        return output!;
    }

    /// <summary>
    /// A validator's run along <paramref name="dag"/>. A graph that is not even well formed (a
    /// dependency on a later transaction, a wrong count) is not followed: the block then runs as a
    /// proposer's would, and the graph rebuilt from that run will not match the one given.
    /// </summary>
    public ExecutionOutput ExecuteAlongDag(IStateReader committed, BlockContext block, IReadOnlyList<ExecutableTx> txs, Dag dag)
    {
        if (workers is null || workers.Count < 2 || txs.Count < MinParallelTxs || !IsWellFormed(dag, txs.Count))
        {
            return Execute(committed, block, txs);
        }

        var count = txs.Count;
        var commit = new InOrderCommit(committed, scanner, txs, (view, tx) => RunRecorded(view, block, tx), rerunConflicts: false);
        var versions = new MultiVersionState(new BlockState(committed, scanner), workers.Count, count * 2);
        var done = new DoneFlags(count);
        var next = -1;

        // Workers claim transactions in block order, so every dependency of a claimed transaction is
        // already claimed and the lowest unfinished one can always run: waiting cannot deadlock.
        workers.Run(workers.Count, _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var deps = dag.Txs[i].Deps_;
                for (var d = 0; d < deps.Count; d++)
                {
                    if (!done.Wait((int)deps[d]))
                    {
                        return;
                    }
                }

                try
                {
                    var (outcome, access) = RunRecorded(new VersionedView(versions, i), block, txs[i]);
                    versions.Publish(i, outcome.Writes);
                    done.MarkDone(i);
                    commit.Offer(i, outcome, access);
                    commit.TryAdvance();
                }
                catch
                {
                    done.Abandon();
                    throw;
                }
            }
        });

        return commit.Finish();
    }

    private (TxOutcome Outcome, TxAccess Access) RunRecorded(IBlockView view, BlockContext block, ExecutableTx tx)
    {
        var recording = new RecordingView(view);
        var outcome = runner.Run(recording, block, tx);
        recording.Access.Writes = outcome.Writes;
        return (outcome, recording.Access);
    }

    private static bool IsWellFormed(Dag dag, int count)
    {
        if (dag.Txs.Count != count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var deps = dag.Txs[i].Deps_;
            for (var d = 0; d < deps.Count; d++)
            {
                // Ascending and before i: the graph is then acyclic and waiting on dependencies cannot deadlock.
                if (deps[d] >= (uint)i || (d > 0 && deps[d] <= deps[d - 1]))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
