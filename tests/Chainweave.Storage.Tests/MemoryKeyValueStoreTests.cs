namespace Chainweave.Storage.Tests;

public sealed class MemoryKeyValueStoreTests : KeyValueStoreContractTests
{
    protected override IKeyValueStore CreateStore() => new MemoryKeyValueStore();

    [Fact]
    public void Count_follows_puts_and_deletes()
    {
        var store = (MemoryKeyValueStore)Store;
        Put(store, [1], [1]);
        Put(store, [2], [2]);
        Put(store, [2], [3]);
        Assert.Equal(2, store.Count);

        using var batch = store.CreateBatch();
        batch.Delete([1]);
        store.Write(batch, sync: false);
        Assert.Equal(1, store.Count);
    }
}
