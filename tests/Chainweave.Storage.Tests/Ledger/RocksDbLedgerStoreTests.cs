using Chainweave.Storage.Ledger;

namespace Chainweave.Storage.Tests.Ledger;

public sealed class RocksDbLedgerStoreTests : LedgerStoreContractTests
{
    private readonly TempDirectory _folder = new();
    private int _opened;

    protected override IKeyValueStore CreateStore() => new RocksDbKeyValueStore(_folder.Sub($"ledger{_opened++}"));

    public override void Dispose()
    {
        base.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Everything_committed_is_back_after_reopen()
    {
        var path = _folder.Sub("reopen");
        var blocks = TestBlocks.Chain(8, height => height % 2 == 0
            ? [new("bank", [(byte)height], [1, (byte)height]), new("bank", [0], [(byte)height])]
            : [new("bank", [(byte)(height - 1)], null)]);

        using (var store = new RocksDbKeyValueStore(path))
        {
            TestBlocks.CommitAll(new LedgerStore(store), blocks);
        }

        using (var store = new RocksDbKeyValueStore(path))
        {
            var ledger = new LedgerStore(store);
            AssertHolds(ledger, blocks);
            Assert.Equal([8], ledger.GetState("bank", [0]));
            Assert.Equal([[0], [8]], ledger.ScanState("bank", [], null).Select(e => e.Key));
            Assert.Equal([1, 8], ledger.GetState("bank", [8]));

            var next = TestBlocks.Make(9, blocks[^1].Hash);
            ledger.CommitBlock(next);
            Assert.Equal(9UL, ledger.Height);
        }
    }

    [Fact]
    public void A_block_of_ten_thousand_transactions_commits_quickly()
    {
        const int txCount = 10_000;
        var genesis = TestBlocks.Make(0, [], txCount: 0);
        var writes = new List<StateWrite>(txCount * 2);
        for (var i = 0; i < txCount; i++)
        {
            writes.Add(new StateWrite("bank", BitConverter.GetBytes(i), new byte[16]));
            if (i % 2 == 0)
            {
                writes.Add(new StateWrite("bank", BitConverter.GetBytes(i + txCount), new byte[16]));
            }
        }

        // About 300-byte envelopes, as the brief for this store sets out.
        var big = TestBlocks.Make(1, genesis.Hash, txCount, writes, payloadBytes: 150);
        var ledger = new LedgerStore(Open());
        ledger.InitGenesis(TestBlocks.Config(), genesis);

        ledger.CommitBlock(big);

        Assert.Equal(1UL, ledger.Height);
        Assert.True(ledger.ContainsTx(big.TxIds[txCount - 1]));
        Assert.Equal(txCount, ledger.GetBlockResults(1).Count);
        Assert.Equal(writes[^1].Value, ledger.GetState("bank", writes[^1].Key));
    }
}
