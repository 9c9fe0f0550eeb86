using Chainweave.Api.Ledger;
using Chainweave.Execution.State;
using Chainweave.Storage.Ledger;

namespace Chainweave.Execution.Scheduling;

/// <summary>
/// Finds, in block order, the earlier transactions each transaction depends on: for every key it read,
/// the last earlier transaction that wrote that key (for a range read, every such key in the range).
/// That is all a transaction needs to run ahead of the others and still see exactly what it would in
/// sequence, and, computed from the same accesses, it is the same graph on every node.
/// </summary>
internal sealed class DependencyTracker
{
    private readonly Dictionary<StateKey, int> _lastWriter;
    private readonly Dictionary<string, List<byte[]>> _writtenKeys = new(StringComparer.Ordinal);

    /// <param name="expectedWrites">Distinct keys the block is expected to write.</param>
    public DependencyTracker(int expectedWrites = 0)
    {
        _lastWriter = new Dictionary<StateKey, int>(expectedWrites);
    }

    /// <summary>Replaces <paramref name="into"/>'s content with the ascending, distinct indices <paramref name="access"/> depends on.</summary>
    public void DependenciesOf(TxAccess access, List<int> into)
    {
        into.Clear();
        if (_lastWriter.Count == 0)
        {
            return;
        }

        foreach (var key in access.Reads)
        {
            if (_lastWriter.TryGetValue(key, out var writer))
            {
                into.Add(writer);
            }
        }

        if (access.Ranges is { } ranges)
        {
            for (var r = 0; r < ranges.Count; r++)
            {
                AddRangeWriters(ranges[r], into);
            }
        }

        if (into.Count > 1)
        {
            into.Sort();
            RemoveAdjacentDuplicates(into);
        }
    }

    public void RecordWrites(int index, IReadOnlyList<StateWrite> writes)
    {
        for (var w = 0; w < writes.Count; w++)
        {
            var write = writes[w];
            var key = new StateKey(write.Contract, write.Key);
            if (_lastWriter.TryAdd(key, index))
            {
                if (!_writtenKeys.TryGetValue(write.Contract, out var keys))
                {
                    keys = [];
                    _writtenKeys.Add(write.Contract, keys);
                }

                keys.Add(write.Key);
            }
            else
            {
                _lastWriter[key] = index;
            }
        }
    }

    private void AddRangeWriters(RangeRead range, List<int> into)
    {
        if (!_writtenKeys.TryGetValue(range.Contract, out var keys))
        {
            return;
        }

        for (var k = 0; k < keys.Count; k++)
        {
            if (ByteOrder.InRange(keys[k], range.Start, range.End))
            {
                into.Add(_lastWriter[new StateKey(range.Contract, keys[k])]);
            }
        }
    }

    private static void RemoveAdjacentDuplicates(List<int> sorted)
    {
        var kept = 1;
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i] != sorted[kept - 1])
            {
                sorted[kept++] = sorted[i];
            }
        }

        sorted.RemoveRange(kept, sorted.Count - kept);
    }
}
