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
internal sealed class MultiVersionState(BlockState committed, int concurrency, int expectedKeys)
{
    // Sized up front: growing a concurrent dictionary locks it whole, while every worker waits.
    private readonly ConcurrentDictionary<StateKey, Versions> _keys = new(concurrency, expectedKeys);

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
        if (_keys.TryGetValue(new StateKey(contract, key.ToArray()), out var versions) && versions.TryGetBefore(reader, out var value))
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

    /// <summary>One key's values by writer index; nearly every key has one writer, kept without a list.</summary>
    private sealed class Versions
    {
        private readonly Lock _lock = new();
        private int _firstWriter = -1;
        private byte[]? _firstValue;
        private List<(int Writer, byte[]? Value)>? _others;

        public void Add(int writer, byte[]? value)
        {
            lock (_lock)
            {
                if (_firstWriter < 0)
                {
                    (_firstWriter, _firstValue) = (writer, value);
                    return;
                }

                _others ??= [];
                _others.Add((writer, value));
            }
        }

        /// <summary>The value of the highest writer below <paramref name="reader"/>.</summary>
        public bool TryGetBefore(int reader, out byte[]? value)
        {
            lock (_lock)
            {
                var best = _firstWriter >= 0 && _firstWriter < reader ? _firstWriter : -1;
                value = best >= 0 ? _firstValue : null;
                if (_others is { } others)
                {
                    for (var i = 0; i < others.Count; i++)
                    {
                        if (others[i].Writer < reader && others[i].Writer > best)
                        {
                            best = others[i].Writer;
                            value = others[i].Value;
                        }
                    }
                }

                return best >= 0;
            }
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
