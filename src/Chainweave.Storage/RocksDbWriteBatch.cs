using System.Buffers;
using System.Buffers.Binary;
using RocksDbSharp;

namespace Chainweave.Storage;

/// <summary>
/// A batch for <see cref="RocksDbKeyValueStore"/>, built in managed memory in RocksDB's own write-batch
/// encoding and handed to RocksDB in one call. Adding each operation through the wrapper's native
/// calls instead costs a marshalled call per key, which dominated the commit of a large block.
/// </summary>
/// <remarks>
/// The encoding (rocksdb/db/write_batch.cc; it is also the WAL record format, so it does not change):
/// a 12-byte header — sequence number (fixed64, filled in by RocksDB) and operation count (fixed32),
/// both little-endian — then per operation a tag byte, 0x01 Put or 0x00 Delete, the key as a varint32
/// length and bytes, and for a Put the value the same way.
/// </remarks>
internal sealed class RocksDbWriteBatch : IWriteBatch
{
    private const int HeaderBytes = 12;
    private const int CountOffset = 8;
    private const byte PutTag = 0x01;
    private const byte DeleteTag = 0x00;
    private const int MaxVarint32Bytes = 5;

    private byte[] _buffer;
    private int _length = HeaderBytes;
    private bool _disposed;

    public RocksDbWriteBatch(RocksDbKeyValueStore owner)
    {
        Owner = owner;
        _buffer = ArrayPool<byte>.Shared.Rent(4096);
        _buffer.AsSpan(0, HeaderBytes).Clear();
    }

    public RocksDbKeyValueStore Owner { get; }

    public int Count { get; private set; }

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var span = Reserve(1 + MaxVarint32Bytes + key.Length + MaxVarint32Bytes + value.Length);
        span[0] = PutTag;
        var written = 1 + WriteSlice(span[1..], key);
        written += WriteSlice(span[written..], value);
        Commit(written);
    }

    public void Delete(ReadOnlySpan<byte> key)
    {
        var span = Reserve(1 + MaxVarint32Bytes + key.Length);
        span[0] = DeleteTag;
        Commit(1 + WriteSlice(span[1..], key));
    }

    /// <summary>A native batch holding a copy of the operations; the caller disposes it.</summary>
    public WriteBatch ToNative()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(CountOffset), (uint)Count);
        return new WriteBatch(_buffer, _length);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private static int WriteSlice(Span<byte> destination, ReadOnlySpan<byte> bytes)
    {
        var length = WriteVarint32(destination, (uint)bytes.Length);
        bytes.CopyTo(destination[length..]);
        return length + bytes.Length;
    }

    private static int WriteVarint32(Span<byte> destination, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    private Span<byte> Reserve(int maxBytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var needed = (long)_length + maxBytes;
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException("A write batch cannot grow beyond 2 GiB.");
        }

        if (needed > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_buffer.Length * 2)));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _buffer.AsSpan(_length, maxBytes);
    }

    private void Commit(int written)
    {
        _length += written;
        Count++;
    }
}
