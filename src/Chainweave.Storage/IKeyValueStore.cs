namespace Chainweave.Storage;

/// <summary>
/// An ordered byte-key store: keys compare as unsigned bytes, lexicographically.
/// Implementations allow any number of concurrent readers while one writer writes; a reader sees
/// either all of a batch or none of it.
/// </summary>
public interface IKeyValueStore : IDisposable
{
    /// <summary>The value stored under <paramref name="key"/>, or null. The caller owns the array.</summary>
    byte[]? Get(ReadOnlySpan<byte> key);

    /// <summary>Like <see cref="Get"/>, without a nullable result.</summary>
    bool TryGet(ReadOnlySpan<byte> key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? value);

    /// <summary>Whether <paramref name="key"/> has a value; may avoid copying the value out.</summary>
    bool ContainsKey(ReadOnlySpan<byte> key);

    /// <summary>A new empty batch that only this store can write.</summary>
    IWriteBatch CreateBatch();

    /// <summary>
    /// Applies every operation of <paramref name="batch"/> atomically, in the order they were added.
    /// With <paramref name="sync"/> the write is on stable storage when this returns.
    /// </summary>
    void Write(IWriteBatch batch, bool sync);

    /// <summary>
    /// Entries with <paramref name="fromInclusive"/> &lt;= key &lt; <paramref name="toExclusive"/>, in
    /// ascending unsigned byte order, read from one consistent point in time. Dispose the enumerator
    /// (foreach does) so the store can close.
    /// </summary>
    IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[] fromInclusive, byte[] toExclusive);
}
