using Chainweave.Storage.Ledger;
namespace Chainweave.Execution.State;

/// <summary>
/// The state a block sees while it executes: committed state overlaid with the writes of the block's
/// earlier transactions. Writes keep the order they were first made in, so the block's change list is
/// deterministic.
/// </summary>
public sealed class BlockState : IBlockView
{
    private readonly IStateReader _committed;
    private readonly IStateScanner? _scanner;
    private readonly Dictionary<StateKey, int> _index;
    private readonly List<StateWrite> _changes;

    public BlockState(IStateReader committed)
        : this(committed, scanner: null)
    {
    }

    /// <summary>With a scanner for range reads of committed state (used when the reader itself cannot scan).</summary>
    /// <param name="committed">The state before the block.</param>
    /// <param name="scanner">Range reads of committed state when <paramref name="committed"/> cannot scan.</param>
    /// <param name="expectedWrites">Distinct keys the block is expected to write, to size the change list once.</param>
    public BlockState(IStateReader committed, IStateScanner? scanner, int expectedWrites = 0)
    {
        _committed = committed;
        _scanner = committed as IStateScanner ?? scanner;
        _index = new Dictionary<StateKey, int>(expectedWrites);
        _changes = new List<StateWrite>(expectedWrites);
    }

    /// <inheritdoc/>
    /// <remarks>Throws when this state was built without a way to scan committed state.</remarks>
    public IEnumerable<(byte[] Key, byte[] Value)> ScanCommitted(string contract, byte[] fromKey, byte[]? toKey) =>
        _scanner is null
            ? throw new InvalidOperationException("Range reads need an IStateScanner over committed state; pass one to BlockState.")
            : _scanner.Scan(contract, fromKey, toKey);

    /// <inheritdoc/>
    public void CollectChanges(string contract, ReadOnlySpan<byte> start, ReadOnlySpan<byte> end, IDictionary<byte[], byte[]?> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        for (var i = 0; i < _changes.Count; i++)
        {
            var change = _changes[i];
            if (string.Equals(change.Contract, contract, StringComparison.Ordinal) && ByteOrder.InRange(change.Key, start, end))
            {
                into[change.Key] = change.Value;
            }
        }
    }

    public IReadOnlyList<StateWrite> Changes => _changes;

    public byte[]? Get(string contract, ReadOnlySpan<byte> key)
    {
        if (_changes.Count > 0 && _index.TryGetValue(new StateKey(contract, key.ToArray()), out var at))
        {
            return _changes[at].Value;
        }

        return _committed.Get(contract, key);
    }

    public void Apply(IReadOnlyList<StateWrite> changes)
    {
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var key = new StateKey(change.Contract, change.Key);
            if (_index.TryGetValue(key, out var at))
            {
                _changes[at] = change;
            }
            else
            {
                _index.Add(key, _changes.Count);
                _changes.Add(change);
            }
        }
    }
}
