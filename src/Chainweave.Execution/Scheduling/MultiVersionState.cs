using System.Collections.Concurrent;
using Chainweave.Execution.State;
using Chainweave.Storage.Ledger;

namespace Chainweave.Execution.Scheduling;

/// <summary>
/// The writes of a block's finished transactions, each kept under its writer's index, so that a
/// transaction running out of order still reads the value the last writer before it left. Safe for
/// concurrent readers and writers: with a wrong dependency graph a reader can meet a writer still
/// publishing, and must then get a wrong (and detected) answer, never a corrupted structure.
/// </summary>
internal sealed class MultiVersionState(BlockState committed)
{
    private readonly ConcurrentDictionary<StateKey, Versions> _keys = new();

    public void Publish(int writer, IReadOnlyList<StateWrite> writes)
    {
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            _keys.GetOrAdd(new StateKey(write.Contract, write.Key), static _ => new Versions()).Add(writer, write.Value);
        }
    }

    /// <summary>The value the last transaction before <paramref name="reader"/> wrote, else the committed one.</summary>
    public byte[]? Get(int reader, string contract, ReadOnlySpan<byte> key)
    {
        if (!_keys.IsEmpty && _keys.TryGetValue(new StateKey(contract, key.ToArray()), out var versions) && versions.TryGetBefore(reader, out var value))
        {
            return value;
        }

        return committed.Get(contract, key);
    }

    public IEnumerable<(byte[] Key, byte[] Value)> ScanCommitted(string contract, byte[] fromKey, byte[]? toKey) =>
        committed.ScanCommitted(contract, fromKey, toKey);

    public void CollectChanges(int reader, string contract, ReadOnlySpan<byte> start, ReadOnlySpan<byte> end, IDictionary<byte[], byte[]?> into)
    {
        foreach (var (key, versions) in _keys)
        {
            if (string.Equals(key.Contract, contract, StringComparison.Ordinal)
                && ByteOrder.InRange(key.Key, start, end)
                && versions.TryGetBefore(reader, out var value))
            {
                into[key.Key] = value;
            }
        }
    }

    /// <summary>One key's values by writer index, ascending.</summary>
    private sealed class Versions
    {
        private readonly Lock _lock = new();
        private readonly List<(int Writer, byte[]? Value)> _items = new(1);

        public void Add(int writer, byte[]? value)
        {
            lock (_lock)
            {
                var at = _items.Count;
                while (at > 0 && _items[at - 1].Writer > writer)
                {
                    at--;
                }

                _items.Insert(at, (writer, value));
            }
        }

        public bool TryGetBefore(int reader, out byte[]? value)
        {
            lock (_lock)
            {
                for (var i = _items.Count - 1; i >= 0; i--)
                {
                    if (_items[i].Writer < reader)
                    {
                        value = _items[i].Value;
                        return true;
                    }
                }
            }

            value = null;
            return false;
        }
    }
}

/// <summary>The block as transaction <see cref="Index"/> sees it: committed state plus the last write before it of each key.</summary>
internal sealed class VersionedView(MultiVersionState state, int index) : IBlockView
{
    public int Index => index;

    public byte[]? Get(string contract, ReadOnlySpan<byte> key) => state.Get(index, contract, key);

    public IEnumerable<(byte[] Key, byte[] Value)> ScanCommitted(string contract, byte[] fromKey, byte[]? toKey) =>
        state.ScanCommitted(contract, fromKey, toKey);

    public void CollectChanges(string contract, ReadOnlySpan<byte> start, ReadOnlySpan<byte> end, IDictionary<byte[], byte[]?> into) =>
        state.CollectChanges(index, contract, start, end, into);
}
