using System.Collections.Concurrent;

namespace Chainweave.Node.Pool;

/// <summary>
/// Sizes for the maps every submitted transaction passes through. The defaults (one lock per core,
/// a handful of buckets) make submitting streams and the commit path queue on the same locks and
/// lock the whole map to grow it several times a second under load.
/// </summary>
public static class BusyMaps
{
    public const int ConcurrencyLevel = 64;
    public const int InitialCapacity = 1 << 16;

    public static ConcurrentDictionary<TKey, TValue> Create<TKey, TValue>()
        where TKey : notnull =>
        new(ConcurrencyLevel, InitialCapacity);
}
