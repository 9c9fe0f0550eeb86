using Chainweave.Api.Ledger;
using Chainweave.Storage.Ledger;

namespace Chainweave.Storage.Tests.Ledger;

/// <summary>Ledger behaviour on each key-value store; subclasses supply the store.</summary>
public abstract class LedgerStoreContractTests : IDisposable
{
    private readonly List<IKeyValueStore> _opened = [];

    protected abstract IKeyValueStore CreateStore();

    protected IKeyValueStore Open()
    {
        var store = CreateStore();
        _opened.Add(store);
        return store;
    }

    public virtual void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Checks that <paramref name="ledger"/> holds exactly <paramref name="blocks"/>.</summary>
    protected static void AssertHolds(LedgerStore ledger, IReadOnlyList<CommittedBlock> blocks)
    {
        var last = blocks[^1];
        Assert.Equal(last.Header.Height, ledger.Height);
        Assert.Equal(last.Hash, ledger.TipHash);
        Assert.Equal(TestBlocks.Config(), ledger.LoadChainConfig());

        foreach (var block in blocks)
        {
            var height = block.Header.Height;
            Assert.Equal(block.Block, ledger.GetBlock(height));
            Assert.Equal(block.Block, ledger.GetBlockByHash(block.Hash));
            Assert.Equal(height, ledger.GetBlockHeight(block.Hash));
            Assert.Equal(block.Results, ledger.GetBlockResults(height));
            for (var i = 0; i < block.TxIds.Count; i++)
            {
                Assert.True(ledger.ContainsTx(block.TxIds[i]));
                Assert.Equal(new TxLocation(height, i), ledger.GetTxLocation(block.TxIds[i]));
                Assert.Equal(block.Results[i], ledger.GetTxResult(block.TxIds[i]));
            }

            foreach (var certificate in block.NewCertificates)
            {
                Assert.Equal(certificate.Der, ledger.GetCertificate(certificate.Hash));
            }
        }

        Assert.Null(ledger.GetBlock(last.Header.Height + 1));
        Assert.Empty(ledger.GetBlockResults(last.Header.Height + 1));
    }

    [Fact]
    public void A_new_ledger_is_empty()
    {
        var ledger = new LedgerStore(Open());

        Assert.Null(ledger.Height);
        Assert.Null(ledger.TipHash);
        Assert.Null(ledger.Tip);
        Assert.Null(ledger.GetChainConfig());
        Assert.Null(ledger.LoadChainConfig());
        Assert.Null(ledger.GetBlock(0));
        Assert.Null(ledger.GetBlockByHash(new byte[32]));
        Assert.False(ledger.ContainsTx(new byte[32]));
        Assert.Null(ledger.GetTxLocation(new byte[32]));
        Assert.Null(ledger.GetTxResult(new byte[32]));
        Assert.Null(ledger.GetState("bank", [1]));
        Assert.Null(ledger.GetCertificate(new byte[32]));
    }

    [Fact]
    public void Committed_blocks_and_their_indexes_read_back()
    {
        var blocks = TestBlocks.Chain(6);
        var ledger = new LedgerStore(Open());

        TestBlocks.CommitAll(ledger, blocks);

        AssertHolds(ledger, blocks);
        Assert.False(ledger.ContainsTx(new byte[32]));
    }

    [Fact]
    public void State_writes_put_overwrite_and_delete_per_contract()
    {
        var blocks = TestBlocks.Chain(3, height => height switch
        {
            0 => [new("bank", [1], [10]), new("bank", [2], [20]), new("token", [1], [99])],
            1 => [new("bank", [1], [11]), new("bank", [2], null), new("bank", [3], [30])],
            2 => [new("bank", [3], null), new("bank", [3], [31])],
            _ => [],
        });
        var ledger = new LedgerStore(Open());

        TestBlocks.CommitAll(ledger, blocks);

        Assert.Equal([11], ledger.GetState("bank", [1]));
        Assert.Null(ledger.GetState("bank", [2]));
        Assert.Equal([31], ledger.GetState("bank", [3]));
        Assert.Equal([99], ledger.GetState("token", [1]));
        Assert.Null(ledger.GetState("bank2", [1]));
        Assert.Null(ledger.GetState("ban", [1]));
    }

    [Fact]
    public void ScanState_stays_within_one_contract_and_range()
    {
        var genesis = TestBlocks.Make(0, [], stateWrites:
        [
            new("a", [0x01], [1]), new("a", [0x02], [2]), new("a", [0xFF, 0xFF], [3]),
            new("ab", [0x00], [4]), new("a\u00e9", [0x01], [5]), new("b", [], [6]),
        ]);
        var ledger = new LedgerStore(Open());
        ledger.InitGenesis(TestBlocks.Config(), genesis);

        var all = ledger.ScanState("a", [], null).ToList();
        Assert.Equal([[0x01], [0x02], [0xFF, 0xFF]], all.Select(e => e.Key));
        Assert.Equal([[1], [2], [3]], all.Select(e => e.Value));

        Assert.Equal([[0x02]], ledger.ScanState("a", [0x02], [0xFF]).Select(e => e.Key));
        Assert.Equal([[]], ledger.ScanState("b", [], null).Select(e => e.Key));
        Assert.Equal([6], ledger.GetState("b", []));
        Assert.Empty(ledger.ScanState("c", [], null));
    }

    [Fact]
    public void A_contract_name_with_a_zero_character_is_refused()
    {
        var ledger = new LedgerStore(Open());
        Assert.Throws<ArgumentException>(() => ledger.GetState("a\0b", [1]));
        Assert.Throws<ArgumentException>(() => ledger.ScanState("a\0", [], null));

        var genesis = TestBlocks.Make(0, [], stateWrites: [new("x\0y", [1], [1])]);
        Assert.Throws<ArgumentException>(() => ledger.InitGenesis(TestBlocks.Config(), genesis));
        Assert.Null(ledger.Height);
    }

    [Fact]
    public void A_block_at_the_wrong_height_is_refused_and_nothing_changes()
    {
        var blocks = TestBlocks.Chain(2);
        var ledger = new LedgerStore(Open());
        TestBlocks.CommitAll(ledger, blocks);

        var skipping = TestBlocks.Make(4, blocks[^1].Hash, txCount: 3, stateWrites: [new("bank", [1], [1])]);
        var repeating = TestBlocks.Make(2, blocks[^2].Hash, txCount: 3, method: "other");

        Assert.Throws<InvalidOperationException>(() => ledger.CommitBlock(skipping));
        Assert.Throws<InvalidOperationException>(() => ledger.CommitBlock(repeating));

        AssertUnchanged(ledger, blocks, skipping, repeating);
    }

    [Fact]
    public void A_block_with_the_wrong_previous_hash_is_refused_and_nothing_changes()
    {
        var blocks = TestBlocks.Chain(2);
        var ledger = new LedgerStore(Open());
        TestBlocks.CommitAll(ledger, blocks);

        var forked = TestBlocks.Make(3, blocks[^2].Hash, txCount: 3, stateWrites: [new("bank", [1], [1])], method: "other");
        var orphan = TestBlocks.Make(3, [], txCount: 1);

        Assert.Throws<InvalidOperationException>(() => ledger.CommitBlock(forked));
        Assert.Throws<InvalidOperationException>(() => ledger.CommitBlock(orphan));

        AssertUnchanged(ledger, blocks, forked, orphan);
    }

    [Fact]
    public void Genesis_is_committed_once_and_only_through_InitGenesis()
    {
        var genesis = TestBlocks.Make(0, []);
        var ledger = new LedgerStore(Open());

        Assert.Throws<InvalidOperationException>(() => ledger.CommitBlock(genesis));
        Assert.Throws<InvalidOperationException>(() => ledger.InitGenesis(TestBlocks.Config(), TestBlocks.Make(1, genesis.Hash)));
        Assert.Throws<InvalidOperationException>(() => ledger.InitGenesis(TestBlocks.Config(), TestBlocks.Make(0, [1, 2])));
        Assert.Null(ledger.Height);

        ledger.InitGenesis(TestBlocks.Config(), genesis);
        Assert.Throws<InvalidOperationException>(() => ledger.InitGenesis(TestBlocks.Config("other"), TestBlocks.Make(0, new byte[32])));

        Assert.Equal(0UL, ledger.Height);
        Assert.Equal("chain1", ledger.LoadChainConfig()!.ChainId);
    }

    [Fact]
    public void Mismatched_ids_or_results_are_refused()
    {
        var genesis = TestBlocks.Make(0, [], txCount: 2);
        var ledger = new LedgerStore(Open());

        Assert.Throws<ArgumentException>(() => ledger.InitGenesis(TestBlocks.Config(), genesis with { TxIds = [genesis.TxIds[0]] }));
        Assert.Throws<ArgumentException>(() => ledger.InitGenesis(TestBlocks.Config(), genesis with { Results = [] }));
        Assert.Null(ledger.Height);
    }

    [Fact]
    public async Task Readers_during_commits_never_see_a_tip_without_its_block()
    {
        var blocks = TestBlocks.Chain(60, height => [new("bank", [1], BitConverter.GetBytes(height))]);
        var ledger = new LedgerStore(Open());
        ledger.InitGenesis(TestBlocks.Config(), blocks[0]);

        var writer = Task.Run(() =>
        {
            for (var i = 1; i < blocks.Count; i++)
            {
                ledger.CommitBlock(blocks[i]);
            }
        });

        var checks = 0;
        while (!writer.IsCompleted || checks == 0)
        {
            var tip = ledger.Tip!;
            var block = blocks[(int)tip.Height];
            Assert.Equal(block.Hash, tip.Hash);
            Assert.Equal(block.Block, ledger.GetBlock(tip.Height));
            Assert.Equal(block.Results, ledger.GetBlockResults(tip.Height));
            var balance = BitConverter.ToUInt64(ledger.GetState("bank", [1])!);
            Assert.True(balance >= tip.Height, $"state {balance} is older than tip {tip.Height}");
            checks++;
        }

        await writer.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(60UL, ledger.Height);
    }

    private static void AssertUnchanged(LedgerStore ledger, List<CommittedBlock> committed, params CommittedBlock[] refused)
    {
        AssertHolds(ledger, committed);
        foreach (var block in refused)
        {
            Assert.Null(ledger.GetBlockByHash(block.Hash));
            Assert.All(block.TxIds, id => Assert.False(ledger.ContainsTx(id)));
        }

        Assert.Null(ledger.GetState("bank", [1]));
    }
}
