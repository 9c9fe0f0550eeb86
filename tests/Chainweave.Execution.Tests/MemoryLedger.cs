using Chainweave.Execution.State;
using Chainweave.Storage.Ledger;

namespace Chainweave.Execution.Tests;

/// <summary>Committed state in memory, scannable in byte order; a block's changes are applied with <see cref="Commit"/>.</summary>
internal sealed class MemoryLedger : IStateReader, IStateScanner
{
    private readonly Dictionary<string, SortedDictionary<byte[], byte[]>> _state = new(StringComparer.Ordinal);

    public byte[]? Get(string contract, ReadOnlySpan<byte> key) =>
        _state.TryGetValue(contract, out var entries) && entries.TryGetValue(key.ToArray(), out var value) ? value : null;

    public IEnumerable<(byte[] Key, byte[] Value)> Scan(string contract, byte[] fromKey, byte[]? toKey)
    {
        if (!_state.TryGetValue(contract, out var entries))
        {
            yield break;
        }

        foreach (var (key, value) in entries)
        {
            if (key.AsSpan().SequenceCompareTo(fromKey) < 0)
            {
                continue;
            }

            if (toKey is not null && key.AsSpan().SequenceCompareTo(toKey) >= 0)
            {
                yield break;
            }

            yield return (key, value);
        }
    }

    public void Commit(IReadOnlyList<StateWrite> changes)
    {
        foreach (var change in changes)
        {
            if (!_state.TryGetValue(change.Contract, out var entries))
            {
                entries = new SortedDictionary<byte[], byte[]>(Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)));
                _state.Add(change.Contract, entries);
            }

            if (change.Value is null)
            {
                entries.Remove(change.Key);
            }
            else
            {
                entries[change.Key] = change.Value;
            }
        }
    }

    public bool HasAny(string contract) => _state.TryGetValue(contract, out var entries) && entries.Count > 0;
}
