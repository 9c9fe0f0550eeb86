using Chainweave.Storage.Ledger;
using CsCheck;

namespace Chainweave.Storage.Tests.Ledger;

/// <summary>Random puts and deletes over many blocks leave the same state as a dictionary would.</summary>
public sealed class LedgerStatePropertyTests
{
    private static readonly string[] Contracts = ["a", "ab", "bank"];

    private static readonly Gen<StateWrite> WriteGen =
        Gen.Select(
            Gen.Int[0, Contracts.Length - 1],
            Gen.Byte[0, 3].Array[0, 2],
            Gen.Bool,
            Gen.Byte.Array[0, 3],
            (contract, key, delete, value) => new StateWrite(Contracts[contract], key, delete ? null : value));

    private static readonly Gen<StateWrite[][]> BlocksGen = WriteGen.Array[0, 6].Array[1, 8];

    [Theory]
    [InlineData("memory", 200)]
    [InlineData("rocksdb", 10)]
    public void Random_state_writes_match_a_dictionary_model(string storage, long iterations)
    {
        using var folder = new TempDirectory();
        var opened = 0;
        BlocksGen.Sample(blocks =>
        {
            using IKeyValueStore store = storage == "memory"
                ? new MemoryKeyValueStore()
                : new RocksDbKeyValueStore(folder.Sub($"db{Interlocked.Increment(ref opened)}"));
            var ledger = new LedgerStore(store);
            var model = new Dictionary<(string, string), byte[]>();
            var previous = Array.Empty<byte>();

            for (var height = 0; height < blocks.Length; height++)
            {
                var block = TestBlocks.Make((ulong)height, previous, txCount: 0, stateWrites: blocks[height]);
                if (height == 0)
                {
                    ledger.InitGenesis(TestBlocks.Config(), block);
                }
                else
                {
                    ledger.CommitBlock(block);
                }

                previous = block.Hash;
                foreach (var write in blocks[height])
                {
                    var modelKey = (write.Contract, Convert.ToHexString(write.Key));
                    if (write.Value is null)
                    {
                        model.Remove(modelKey);
                    }
                    else
                    {
                        model[modelKey] = write.Value;
                    }
                }
            }

            foreach (var contract in Contracts)
            {
                // Ordinal order of upper-case hex is unsigned byte order, so the model sorts like the store.
                var expected = model
                    .Where(e => e.Key.Item1 == contract)
                    .OrderBy(e => e.Key.Item2, StringComparer.Ordinal)
                    .ToList();
                var actual = ledger.ScanState(contract, [], null).ToList();
                Assert.Equal(expected.Select(e => e.Key.Item2), actual.Select(e => Convert.ToHexString(e.Key)));
                Assert.Equal(expected.Select(e => e.Value), actual.Select(e => e.Value));

                foreach (var write in blocks.SelectMany(b => b).Where(w => w.Contract == contract))
                {
                    Assert.Equal(model.GetValueOrDefault((contract, Convert.ToHexString(write.Key))), ledger.GetState(contract, write.Key));
                }
            }
        }, iter: iterations, threads: 1);
    }
}
