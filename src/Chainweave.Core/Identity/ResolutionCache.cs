using System.Collections.Concurrent;

namespace Chainweave.Core.Identity;

/// <summary>
/// Results of the expensive part of member resolution, by certificate hash. Bounded: when full it is
/// cleared rather than tracking recency, which keeps the hit path a single lock-free lookup.
/// </summary>
internal sealed class ResolutionCache
{
    private readonly ConcurrentDictionary<CertHashKey, MemberResolution> entries = new();
    private readonly int capacity;
    private int count;

    public ResolutionCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.capacity = capacity;
    }

    public int Count => Volatile.Read(ref count);

    public bool TryGet(in CertHashKey key, out MemberResolution resolution) => entries.TryGetValue(key, out resolution);

    public void Add(in CertHashKey key, MemberResolution resolution)
    {
        // ConcurrentDictionary.Count takes every lock, so the size is tracked separately; it may drift by a
        // few entries under races, which only moves the moment of clearing.
        if (Volatile.Read(ref count) >= capacity)
        {
            entries.Clear();
            Volatile.Write(ref count, 0);
        }

        if (entries.TryAdd(key, resolution))
        {
            Interlocked.Increment(ref count);
        }
    }
}
