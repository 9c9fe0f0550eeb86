using Chainweave.Execution.State;

namespace Chainweave.Execution.Running;

/// <summary>Merges a committed range with pending writes over it (null = deleted), in byte order, up to a limit.</summary>
internal static class RangeMerge
{
    public static List<KeyValuePair<byte[], byte[]>> Merge(IEnumerable<(byte[] Key, byte[] Value)> committed, SortedDictionary<byte[], byte[]?> overlay, int limit)
    {
        var result = new List<KeyValuePair<byte[], byte[]>>(Math.Clamp(limit, 0, 64));
        if (limit <= 0)
        {
            return result;
        }

        using var pending = overlay.GetEnumerator();
        var hasPending = pending.MoveNext();
        foreach (var (key, value) in committed)
        {
            while (hasPending && ByteOrder.Instance.Compare(pending.Current.Key, key) < 0)
            {
                if (Add(result, pending.Current.Key, pending.Current.Value, limit))
                {
                    return result;
                }

                hasPending = pending.MoveNext();
            }

            if (hasPending && ByteOrder.Instance.Compare(pending.Current.Key, key) == 0)
            {
                // The pending write replaces (or deletes) the committed entry.
                var replaced = Add(result, pending.Current.Key, pending.Current.Value, limit);
                hasPending = pending.MoveNext();
                if (replaced)
                {
                    return result;
                }

                continue;
            }

            if (Add(result, key, value, limit))
            {
                return result;
            }
        }

        while (hasPending)
        {
            if (Add(result, pending.Current.Key, pending.Current.Value, limit))
            {
                return result;
            }

            hasPending = pending.MoveNext();
        }

        return result;
    }

    /// <summary>Adds a live entry; true when the limit is reached.</summary>
    private static bool Add(List<KeyValuePair<byte[], byte[]>> result, byte[] key, byte[]? value, int limit)
    {
        if (value is not null)
        {
            result.Add(new(key, value));
        }

        return result.Count >= limit;
    }
}
