using System.Buffers.Binary;

namespace Chainweave.Storage.Tests;

/// <summary>Behaviour every <see cref="IKeyValueStore"/> must have; one subclass per implementation.</summary>
public abstract class KeyValueStoreContractTests : IDisposable
{
    private readonly Lazy<IKeyValueStore> _store;

    protected KeyValueStoreContractTests()
    {
        _store = new Lazy<IKeyValueStore>(CreateStore);
    }

    protected IKeyValueStore Store => _store.Value;

    protected abstract IKeyValueStore CreateStore();

    public virtual void Dispose()
    {
        if (_store.IsValueCreated)
        {
            _store.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected static void Put(IKeyValueStore store, byte[] key, byte[] value, bool sync = false)
    {
        using var batch = store.CreateBatch();
        batch.Put(key, value);
        store.Write(batch, sync);
    }

    [Fact]
    public void Get_of_a_missing_key_is_null()
    {
        Assert.Null(Store.Get([1, 2, 3]));
        Assert.False(Store.TryGet([1, 2, 3], out var value));
        Assert.Null(value);
        Assert.False(Store.ContainsKey([1, 2, 3]));
    }

    [Fact]
    public void Put_then_get_returns_the_value()
    {
        Put(Store, [1, 2], [9, 8, 7], sync: true);

        Assert.Equal([9, 8, 7], Store.Get([1, 2]));
        Assert.True(Store.TryGet([1, 2], out var value));
        Assert.Equal([9, 8, 7], value!);
        Assert.True(Store.ContainsKey([1, 2]));
        Assert.False(Store.ContainsKey([1]));
    }

    [Fact]
    public void Empty_values_and_overwrites_are_kept()
    {
        Put(Store, [5], []);
        Assert.Equal(Array.Empty<byte>(), Store.Get([5]));
        Assert.True(Store.ContainsKey([5]));

        Put(Store, [5], [1]);
        Assert.Equal([1], Store.Get([5]));
    }

    [Fact]
    public void Delete_removes_the_key()
    {
        Put(Store, [1], [1]);
        Put(Store, [2], [2]);
        using (var batch = Store.CreateBatch())
        {
            batch.Delete([1]);
            batch.Delete([3]); // deleting a missing key is harmless
            Assert.Equal(2, batch.Count);
            Store.Write(batch, sync: false);
        }

        Assert.Null(Store.Get([1]));
        Assert.Equal([2], Store.Get([2]));
    }

    [Fact]
    public void Later_operations_in_a_batch_win()
    {
        using var batch = Store.CreateBatch();
        batch.Put([1], [1]);
        batch.Delete([1]);
        batch.Put([2], [1]);
        batch.Put([2], [2]);
        Store.Write(batch, sync: false);

        Assert.Null(Store.Get([1]));
        Assert.Equal([2], Store.Get([2]));
    }

    [Fact]
    public void Nothing_of_a_batch_is_visible_before_it_is_written()
    {
        using var batch = Store.CreateBatch();
        batch.Put([1], [1]);
        batch.Put([2], [2]);
        Assert.Equal(2, batch.Count);
        Assert.Null(Store.Get([1]));

        Store.Write(batch, sync: true);
        Assert.Equal([1], Store.Get([1]));
        Assert.Equal([2], Store.Get([2]));
    }

    [Fact]
    public void Batch_buffers_may_be_reused_after_put()
    {
        var key = new byte[] { 7 };
        var value = new byte[] { 1 };
        using (var batch = Store.CreateBatch())
        {
            batch.Put(key, value);
            key[0] = 8;
            value[0] = 2;
            Store.Write(batch, sync: false);
        }

        Assert.Equal([1], Store.Get([7]));
        Assert.Null(Store.Get([8]));
    }

    [Fact]
    public void Large_batches_of_long_keys_and_values_round_trip()
    {
        // Lengths cross the one-, two- and three-byte length encodings and several buffer growths.
        int[] sizes = [0, 1, 127, 128, 300, 16_383, 16_384, 1 << 20];
        const int count = 2_000;
        using (var batch = Store.CreateBatch())
        {
            for (var i = 0; i < count; i++)
            {
                batch.Put(LongKey(i), Value(i));
            }

            Assert.Equal(count, batch.Count);
            Store.Write(batch, sync: true);
        }

        foreach (var i in new[] { 0, 3, 4, 6, 7, 1_999 })
        {
            Assert.Equal(Value(i), Store.Get(LongKey(i)));
        }

        var scanned = Store.Scan([0x20], [0x21]).ToList();
        Assert.Equal(count, scanned.Count);
        Assert.Equal(Value(1_234), scanned[1_234].Value);

        // Key: 0x20, index big-endian, then index % 200 filler bytes, so lengths vary up to 202.
        static byte[] LongKey(int i)
        {
            var key = new byte[3 + (i % 200)];
            key[0] = 0x20;
            BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(1), (ushort)i);
            return key;
        }

        // The 1 MiB value appears once, to keep the batch small.
        byte[] Value(int i)
        {
            var size = sizes[i % sizes.Length];
            var bytes = new byte[size == 1 << 20 && i >= sizes.Length ? 5 : size];
            Array.Fill(bytes, (byte)i);
            return bytes;
        }
    }

    [Fact]
    public void Returned_values_are_the_callers_own()
    {
        Put(Store, [1], [1, 2]);
        Store.Get([1])![0] = 99;
        Assert.Equal([1, 2], Store.Get([1]));
    }

    [Fact]
    public void Scan_returns_the_half_open_range_in_unsigned_byte_order()
    {
        byte[][] keys = [[0x80], [0x01], [0x01, 0x00], [0xFF], [0x7F, 0xFF], [0x00], [0x01, 0xFF, 0x00]];
        using (var batch = Store.CreateBatch())
        {
            foreach (var key in keys)
            {
                batch.Put(key, [key[0]]);
            }

            Store.Write(batch, sync: false);
        }

        var all = Store.Scan([], [0xFF, 0xFF]).Select(e => e.Key).ToList();
        Assert.Equal(
            [[0x00], [0x01], [0x01, 0x00], [0x01, 0xFF, 0x00], [0x7F, 0xFF], [0x80], [0xFF]],
            all);

        var middle = Store.Scan([0x01, 0x00], [0x80]).ToList();
        Assert.Equal([[0x01, 0x00], [0x01, 0xFF, 0x00], [0x7F, 0xFF]], middle.Select(e => e.Key));
        Assert.Equal([[0x01], [0x01], [0x7F]], middle.Select(e => e.Value));

        Assert.Empty(Store.Scan([0x80], [0x80]));
        Assert.Empty(Store.Scan([0x90], [0x10]));
    }

    [Fact]
    public void A_batch_from_another_store_is_refused()
    {
        using var other = new MemoryKeyValueStore();
        using var foreign = other.CreateBatch();
        foreign.Put([1], [1]);
        Assert.Throws<ArgumentException>(() => Store.Write(foreign, sync: false));
        Assert.Null(Store.Get([1]));
    }

    [Fact]
    public void Use_after_dispose_throws_instead_of_crashing()
    {
        var store = CreateStore();
        store.Dispose();
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => store.Get([1]));
        Assert.Throws<ObjectDisposedException>(() => store.CreateBatch());
    }

    [Fact]
    public async Task Readers_running_during_writes_see_only_whole_batches()
    {
        // Each batch sets every key of a group to the batch number; a reader that ever sees two
        // different numbers in one scan has seen half a batch.
        const int keys = 16;
        const int batches = 300;
        var writer = Task.Run(() =>
        {
            for (var round = 1; round <= batches; round++)
            {
                using var batch = Store.CreateBatch();
                for (var k = 0; k < keys; k++)
                {
                    batch.Put([0x10, (byte)k], BitConverter.GetBytes(round));
                }

                Store.Write(batch, sync: false);
            }
        });

        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var scans = 0;
            var lastSeen = 0;
            while (!writer.IsCompleted || scans == 0)
            {
                var values = Store.Scan([0x10], [0x11])
                    .Select(e => BinaryPrimitives.ReadInt32LittleEndian(e.Value))
                    .ToList();
                if (values.Count > 0)
                {
                    Assert.Equal(keys, values.Count);
                    Assert.All(values, v => Assert.Equal(values[0], v));
                    Assert.True(values[0] >= lastSeen, "a later scan saw an older batch");
                    lastSeen = values[0];
                }

                var single = Store.Get([0x10, 3]);
                if (single is not null)
                {
                    Assert.True(BinaryPrimitives.ReadInt32LittleEndian(single) >= lastSeen);
                }

                scans++;
            }

            return scans;
        })).ToArray();

        await writer.WaitAsync(TimeSpan.FromSeconds(30));
        var scanCounts = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(scanCounts, count => Assert.True(count > 0));
        Assert.Equal(BitConverter.GetBytes(batches), Store.Get([0x10, 15]));
    }
}
