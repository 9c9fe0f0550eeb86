using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Chainweave.Storage;

/// <summary>
/// An in-memory <see cref="IKeyValueStore"/> for tests and <c>storage: memory</c>. The data is an
/// immutable sorted set swapped in one step per batch, so readers never lock and always see whole
/// batches; writers are serialised.
/// </summary>
public sealed class MemoryKeyValueStore : IKeyValueStore
{
    private static readonly EntryKeyComparer KeyOrder = new();

    private readonly Lock _writeLock = new();
    private ImmutableSortedSet<KeyValuePair<byte[], byte[]>> _entries =
        ImmutableSortedSet.Create<KeyValuePair<byte[], byte[]>>(KeyOrder);
    private volatile bool _disposed;

    /// <summary>Number of keys stored.</summary>
    public int Count => Current.Count;

    private ImmutableSortedSet<KeyValuePair<byte[], byte[]>> Current
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Volatile.Read(ref _entries);
        }
    }

    public byte[]? Get(ReadOnlySpan<byte> key) => TryGet(key, out var value) ? value : null;

    public bool TryGet(ReadOnlySpan<byte> key, [NotNullWhen(true)] out byte[]? value)
    {
        if (Current.TryGetValue(Probe(key), out var found))
        {
            // A copy, so a caller that edits the array cannot change the store.
            value = (byte[])found.Value.Clone();
            return true;
        }

        value = null;
        return false;
    }

    public bool ContainsKey(ReadOnlySpan<byte> key) => Current.Contains(Probe(key));

    public IWriteBatch CreateBatch()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new MemoryWriteBatch(this);
    }

    public void Write(IWriteBatch batch, bool sync)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch is not MemoryWriteBatch memoryBatch || !ReferenceEquals(memoryBatch.Owner, this))
        {
            throw new ArgumentException("The batch was not created by this store.", nameof(batch));
        }

        lock (_writeLock)
        {
            var builder = Current.ToBuilder();
            foreach (var (key, value) in memoryBatch.Operations)
            {
                var probe = new KeyValuePair<byte[], byte[]>(key, []);
                builder.Remove(probe);
                if (value is not null)
                {
                    // Values were copied when added; copy again so the batch can be written twice.
                    builder.Add(new KeyValuePair<byte[], byte[]>(key, (byte[])value.Clone()));
                }
            }

            Volatile.Write(ref _entries, builder.ToImmutable());
        }
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[] fromInclusive, byte[] toExclusive)
    {
        ArgumentNullException.ThrowIfNull(fromInclusive);
        ArgumentNullException.ThrowIfNull(toExclusive);
        return ScanSnapshot(Current, fromInclusive, toExclusive);
    }

    public void Dispose()
    {
        _disposed = true;
        Volatile.Write(ref _entries, _entries.Clear());
    }

    private static IEnumerable<KeyValuePair<byte[], byte[]>> ScanSnapshot(
        ImmutableSortedSet<KeyValuePair<byte[], byte[]>> snapshot, byte[] fromInclusive, byte[] toExclusive)
    {
        var index = snapshot.IndexOf(new KeyValuePair<byte[], byte[]>(fromInclusive, []));
        if (index < 0)
        {
            index = ~index;
        }

        for (; index < snapshot.Count; index++)
        {
            var entry = snapshot[index];
            if (ByteKeyComparer.Instance.Compare(entry.Key, toExclusive) >= 0)
            {
                yield break;
            }

            yield return new KeyValuePair<byte[], byte[]>((byte[])entry.Key.Clone(), (byte[])entry.Value.Clone());
        }
    }

    private static KeyValuePair<byte[], byte[]> Probe(ReadOnlySpan<byte> key) => new(key.ToArray(), []);

    private sealed class EntryKeyComparer : IComparer<KeyValuePair<byte[], byte[]>>
    {
        public int Compare(KeyValuePair<byte[], byte[]> x, KeyValuePair<byte[], byte[]> y) =>
            x.Key.AsSpan().SequenceCompareTo(y.Key);
    }
}
