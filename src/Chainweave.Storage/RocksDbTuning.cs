using RocksDbSharp;

namespace Chainweave.Storage;

/// <summary>
/// RocksDB settings for a ledger: large sequential batches (one per block), point lookups of keys
/// that are mostly absent (duplicate-tx checks), and short range scans of state.
/// </summary>
internal static class RocksDbTuning
{
    private const ulong WriteBufferBytes = 64UL << 20;
    private const ulong BlockCacheBytes = 64UL << 20;
    private const ulong BlockBytes = 16UL << 10;
    private const int BloomBitsPerKey = 10;

    public static DbOptions CreateOptions()
    {
        var table = new BlockBasedTableOptions()
            .SetBlockSize(BlockBytes)
            .SetBlockCache(Cache.CreateLru(BlockCacheBytes))
            // A full (not block-based) filter: answers "is this txId stored?" without reading data blocks.
            .SetFilterPolicy(BloomFilterPolicy.Create(BloomBitsPerKey, use_block_based_builder: false))
            // Filters and indexes live outside the block cache, always in memory (about 1.3 bytes per
            // key): were they cached, a growing ledger would evict them and every duplicate check
            // would go to disk.
            .SetCacheIndexAndFilterBlocks(false);

        return new DbOptions()
            .SetCreateIfMissing(true)
            .IncreaseParallelism(Math.Max(2, Environment.ProcessorCount))
            .SetWriteBufferSize(WriteBufferBytes)
            .SetMaxWriteBufferNumber(3)
            // LZ4 is cheap enough for the write path; block data (envelopes, results) compresses well.
            .SetCompression(Compression.Lz4)
            .SetLevelCompactionDynamicLevelBytes(true)
            .SetKeepLogFileNum(5)
            .SetBlockBasedTableFactory(table);
    }
}
