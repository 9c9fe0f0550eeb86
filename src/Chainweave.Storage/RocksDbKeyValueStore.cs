using System.Diagnostics.CodeAnalysis;
using Chainweave.Core.Errors;
using RocksDbSharp;

namespace Chainweave.Storage;

/// <summary>
/// An <see cref="IKeyValueStore"/> on RocksDB, in one folder. RocksDB allows concurrent reads and
/// writes itself; a <see cref="UsageGuard"/> makes <see cref="Dispose"/> wait for calls in flight.
/// </summary>
public sealed class RocksDbKeyValueStore : IKeyValueStore
{
    private readonly RocksDb _db;

    // Native objects the options point to (block cache, filter policy) are freed by finalizers; keeping
    // the options reachable until the database closes rules out any use after free.
    private readonly DbOptions _options = RocksDbTuning.CreateOptions();
    private readonly WriteOptions _syncWrite = new WriteOptions().SetSync(true);
    private readonly WriteOptions _bufferedWrite = new WriteOptions().SetSync(false);
    private readonly UsageGuard _guard = new();

    /// <summary>Opens the store in <paramref name="path"/>, creating the folder and database if missing.</summary>
    /// <exception cref="ChainError">
    /// <see cref="StorageErrorCodes.StorageLocked"/> when another process (or store) has the folder open;
    /// <see cref="ErrorCodes.StorageCorrupt"/> when the folder cannot be opened as a database.
    /// </exception>
    public RocksDbKeyValueStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(Path);
            _db = RocksDb.Open(_options, Path);
        }
        catch (RocksDbException error) when (IsLockError(error))
        {
            throw new ChainError(
                StorageErrorCodes.StorageLocked,
                $"Another node is using {Path}; stop that node or give this one another data folder.",
                error);
        }
        catch (RocksDbException error)
        {
            throw new ChainError(
                ErrorCodes.StorageCorrupt,
                $"Cannot open the database in {Path}: {error.Message}",
                error);
        }
        catch (IOException error)
        {
            throw new ChainError(
                ErrorCodes.StorageCorrupt,
                $"Cannot create the data folder {Path}: {error.Message}",
                error);
        }
        catch (UnauthorizedAccessException error)
        {
            throw new ChainError(
                ErrorCodes.StorageCorrupt,
                $"Cannot create the data folder {Path}: {error.Message}",
                error);
        }
    }

    /// <summary>The absolute path of the database folder.</summary>
    public string Path { get; }

    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        _guard.Enter(this);
        try
        {
            return _db.Get(key);
        }
        finally
        {
            _guard.Exit();
        }
    }

    public bool TryGet(ReadOnlySpan<byte> key, [NotNullWhen(true)] out byte[]? value)
    {
        value = Get(key);
        return value is not null;
    }

    public bool ContainsKey(ReadOnlySpan<byte> key)
    {
        _guard.Enter(this);
        try
        {
            return _db.HasKey(key);
        }
        finally
        {
            _guard.Exit();
        }
    }

    public IWriteBatch CreateBatch()
    {
        ObjectDisposedException.ThrowIf(_guard.IsClosed, this);
        return new RocksDbWriteBatch(this);
    }

    public void Write(IWriteBatch batch, bool sync)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch is not RocksDbWriteBatch rocksBatch || !ReferenceEquals(rocksBatch.Owner, this))
        {
            throw new ArgumentException("The batch was not created by this store.", nameof(batch));
        }

        using var native = rocksBatch.ToNative();
        _guard.Enter(this);
        try
        {
            _db.Write(native, sync ? _syncWrite : _bufferedWrite);
        }
        finally
        {
            _guard.Exit();
        }
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[] fromInclusive, byte[] toExclusive)
    {
        ArgumentNullException.ThrowIfNull(fromInclusive);
        ArgumentNullException.ThrowIfNull(toExclusive);
        ObjectDisposedException.ThrowIf(_guard.IsClosed, this);
        return ScanRange(fromInclusive, toExclusive);
    }

    public void Dispose()
    {
        if (_guard.Close())
        {
            _db.Dispose();
            GC.KeepAlive(_options);
        }
    }

    private IEnumerable<KeyValuePair<byte[], byte[]>> ScanRange(byte[] fromInclusive, byte[] toExclusive)
    {
        if (fromInclusive.AsSpan().SequenceCompareTo(toExclusive) >= 0)
        {
            yield break;
        }

        _guard.Enter(this);
        try
        {
            // The iterator reads one implicit snapshot; the upper bound lets RocksDB stop early
            // instead of us comparing every key. ReadOptions must outlive the iterator.
            var readOptions = new ReadOptions().SetIterateUpperBound(toExclusive);
            using var iterator = _db.NewIterator(readOptions: readOptions);
            for (iterator.Seek(fromInclusive); iterator.Valid(); iterator.Next())
            {
                yield return new KeyValuePair<byte[], byte[]>(iterator.Key(), iterator.Value());
            }

            GC.KeepAlive(readOptions);
        }
        finally
        {
            _guard.Exit();
        }
    }

    // RocksDB reports a held LOCK file as an IO error whose text names the lock and why it failed:
    // another process holds it (EAGAIN/EACCES-style "temporarily unavailable", Windows' "used by another
    // process") or this process does ("lock hold by current process"). A permission problem is not a lock.
    private static bool IsLockError(RocksDbException error)
    {
        var message = error.Message;
        return message.Contains("lock", StringComparison.OrdinalIgnoreCase)
            && (message.Contains("temporarily unavailable", StringComparison.OrdinalIgnoreCase)
                || message.Contains("lock hold by current process", StringComparison.OrdinalIgnoreCase)
                || message.Contains("No locks available", StringComparison.OrdinalIgnoreCase)
                || message.Contains("used by another process", StringComparison.OrdinalIgnoreCase));
    }
}
