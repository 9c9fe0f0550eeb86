namespace Chainweave.Storage;

/// <summary>A batch for <see cref="MemoryKeyValueStore"/>: the operations in order, with private copies.</summary>
internal sealed class MemoryWriteBatch : IWriteBatch
{
    private readonly List<KeyValuePair<byte[], byte[]?>> _operations = [];

    public MemoryWriteBatch(MemoryKeyValueStore owner)
    {
        Owner = owner;
    }

    public MemoryKeyValueStore Owner { get; }

    /// <summary>Each operation: key and value, or key and null for a delete.</summary>
    public IReadOnlyList<KeyValuePair<byte[], byte[]?>> Operations => _operations;

    public int Count => _operations.Count;

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) =>
        _operations.Add(new KeyValuePair<byte[], byte[]?>(key.ToArray(), value.ToArray()));

    public void Delete(ReadOnlySpan<byte> key) =>
        _operations.Add(new KeyValuePair<byte[], byte[]?>(key.ToArray(), null));

    public void Dispose() => _operations.Clear();
}
