namespace Chainweave.Core.Crypto;

/// <summary>
/// Lends out objects that are not thread-safe (ECDsa, AesGcm, BouncyCastle signers and digests) so that
/// many threads can use one key at once without a lock: a rent is one compare-exchange on a slot, and a
/// miss creates a fresh instance that is kept if a slot is free when it comes back, disposed otherwise.
/// </summary>
internal sealed class InstancePool<T> : IDisposable
    where T : class
{
    private readonly T?[] _slots;
    private readonly Func<T> _factory;
    private volatile bool _disposed;

    public InstancePool(Func<T> factory, T? first = null)
    {
        _factory = factory;
        _slots = new T?[Math.Max(4, Environment.ProcessorCount * 2)];
        _slots[0] = first;
    }

    public T Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var slots = _slots;
        int start = Environment.CurrentManagedThreadId % slots.Length;
        for (int i = 0; i < slots.Length; i++)
        {
            int index = start + i < slots.Length ? start + i : start + i - slots.Length;
            var item = Volatile.Read(ref slots[index]);
            if (item is not null && ReferenceEquals(Interlocked.CompareExchange(ref slots[index], null, item), item))
            {
                return item;
            }
        }

        return _factory();
    }

    public void Return(T item)
    {
        var slots = _slots;
        int start = Environment.CurrentManagedThreadId % slots.Length;
        for (int i = 0; i < slots.Length && !_disposed; i++)
        {
            int index = start + i < slots.Length ? start + i : start + i - slots.Length;
            if (Volatile.Read(ref slots[index]) is null && Interlocked.CompareExchange(ref slots[index], item, null) is null)
            {
                // Dispose may have swept the slots between the check above and the store.
                if (_disposed && ReferenceEquals(Interlocked.CompareExchange(ref slots[index], null, item), item))
                {
                    DisposeItem(item);
                }

                return;
            }
        }

        DisposeItem(item);
    }

    public void Dispose()
    {
        _disposed = true;
        for (int i = 0; i < _slots.Length; i++)
        {
            var item = Interlocked.Exchange(ref _slots[i], null);
            if (item is not null)
            {
                DisposeItem(item);
            }
        }
    }

    private static void DisposeItem(T item) => (item as IDisposable)?.Dispose();
}
