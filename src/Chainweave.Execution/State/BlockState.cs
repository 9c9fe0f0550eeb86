using Chainweave.Storage.Ledger;
namespace Chainweave.Execution.State;

/// <summary>
/// The state a block sees while it executes: committed state overlaid with the writes of the block's
/// earlier transactions. Writes keep the order they were first made in, so the block's change list is
/// deterministic.
/// </summary>
public sealed class BlockState
{
    private readonly IStateReader _committed;
    private readonly Dictionary<StateKey, int> _index = [];
    private readonly List<StateWrite> _changes = [];

    public BlockState(IStateReader committed)
    {
        _committed = committed;
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
