namespace Chainweave.Storage.Tests.Ledger;

public sealed class MemoryLedgerStoreTests : LedgerStoreContractTests
{
    protected override IKeyValueStore CreateStore() => new MemoryKeyValueStore();
}
