namespace Chainweave.Storage;

/// <summary>
/// Operations collected for one atomic <see cref="IKeyValueStore.Write"/>. Keys and values are copied
/// when added, so callers may reuse their buffers. Not thread-safe: one writer fills a batch.
/// </summary>
public interface IWriteBatch : IDisposable
{
    void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);

    void Delete(ReadOnlySpan<byte> key);

    /// <summary>Number of operations added so far.</summary>
    int Count { get; }
}
