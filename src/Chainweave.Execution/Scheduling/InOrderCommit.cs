using Chainweave.Api.Ledger;
using Chainweave.Execution.Running;
using Chainweave.Execution.State;

namespace Chainweave.Execution.Scheduling;

/// <summary>
/// The in-order pass over a block that builds its changes, results and dependency graph. For a
/// proposer, each transaction whose optimistic run read nothing an earlier one wrote keeps that run;
/// any other runs (again) on the state so far. For a validator running along the proposed graph, every
/// run stands (each saw what it would have in sequence, if the graph is right) and the pass only
/// records. The pass advances while runs are still going: whichever worker finishes a transaction
/// commits the ready prefix of the block if no other worker is doing so, so it does not trail the
/// parallel part. Its outcome depends only on the block, never on which thread committed what.
/// </summary>
internal sealed class InOrderCommit
{
    private readonly Func<IBlockView, ExecutableTx, (TxOutcome Outcome, TxAccess Access)> _run;
    private readonly IReadOnlyList<ExecutableTx> _txs;
    private readonly TxOutcome[] _outcomes;
    private readonly TxAccess?[] _accesses;
    private readonly int[] _ready;
    private readonly BlockState _state;
    private readonly DependencyTracker _tracker;
    private readonly Dag _dag = new();
    private readonly List<int> _deps = [];
    private readonly TxResult[] _results;
    private readonly Lock _gate = new();
    private readonly bool _rerunConflicts;
    private int _next;

    /// <param name="committed">The state before the block.</param>
    /// <param name="scanner">Range reads of committed state.</param>
    /// <param name="txs">The block's transactions.</param>
    /// <param name="run">Runs a transaction on a view, recording its accesses.</param>
    /// <param name="rerunConflicts">True for a proposer's optimistic runs; false when runs followed the block's graph.</param>
    public InOrderCommit(IStateReader committed, IStateScanner? scanner, IReadOnlyList<ExecutableTx> txs, Func<IBlockView, ExecutableTx, (TxOutcome Outcome, TxAccess Access)> run, bool rerunConflicts)
    {
        _run = run;
        _rerunConflicts = rerunConflicts;
        _txs = txs;
        _outcomes = new TxOutcome[txs.Count];
        _accesses = new TxAccess?[txs.Count];
        _ready = new int[txs.Count];
        _results = new TxResult[txs.Count];

        // A guess that saves growing the block's change list and indexes several times over: a typical transfer writes two keys.
        _state = new BlockState(committed, scanner, txs.Count * 2);
        _tracker = new DependencyTracker(txs.Count * 2);
    }

    /// <summary>Records transaction <paramref name="index"/>'s optimistic run; thread-safe, once per index.</summary>
    public void Offer(int index, TxOutcome outcome, TxAccess access)
    {
        _outcomes[index] = outcome;
        _accesses[index] = access;
        Volatile.Write(ref _ready[index], 1);
    }

    /// <summary>Commits the ready prefix unless another thread is committing (it will take over what is ready).</summary>
    public void TryAdvance()
    {
        if (!_gate.TryEnter())
        {
            return;
        }

        try
        {
            while (_next < _txs.Count && Volatile.Read(ref _ready[_next]) == 1)
            {
                CommitOne(_next++);
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Commits everything not committed yet (running what has no optimistic run) and returns the block's output; call once all offers are in.</summary>
    public ExecutionOutput Finish()
    {
        lock (_gate)
        {
            while (_next < _txs.Count)
            {
                CommitOne(_next++);
            }

            return new ExecutionOutput(_results, _state.Changes, _dag);
        }
    }

    private void CommitOne(int i)
    {
        var access = Volatile.Read(ref _ready[i]) == 1 ? _accesses[i] : null;
        if (access is not null)
        {
            _tracker.DependenciesOf(access, _deps);
        }

        if (access is null || (_rerunConflicts && _deps.Count > 0))
        {
            (_outcomes[i], access) = _run(_state, _txs[i]);
            _tracker.DependenciesOf(access, _deps);
        }

        var entry = new Dag.Types.Deps();
        for (var d = 0; d < _deps.Count; d++)
        {
            entry.Deps_.Add((uint)_deps[d]);
        }

        _dag.Txs.Add(entry);
        _state.Apply(access.Writes);
        _tracker.RecordWrites(i, access.Writes);
        _results[i] = _outcomes[i].Result;
    }
}
