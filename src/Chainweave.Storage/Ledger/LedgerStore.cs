using System.Buffers;
using System.Buffers.Binary;
using Chainweave.Api.Config;
using Chainweave.Api.Ledger;
using Chainweave.Core.Errors;
using Google.Protobuf;

namespace Chainweave.Storage.Ledger;

/// <summary>
/// Blocks, transaction index, results, contract state and certificates of one chain, on an
/// <see cref="IKeyValueStore"/> (which the caller owns and disposes). Each block is one synced batch,
/// so a crash leaves either the whole block or none of it. Reads may run concurrently with a commit;
/// <see cref="Tip"/> moves only after the batch is durable.
/// </summary>
public sealed class LedgerStore
{
    private readonly IKeyValueStore _kv;
    private readonly Lock _commitLock = new();
    private readonly BlockBatchWriter _writer = new();
    private volatile LedgerTip? _tip;

    /// <exception cref="ChainError"><see cref="ErrorCodes.StorageCorrupt"/> when the stored tip is unreadable.</exception>
    public LedgerStore(IKeyValueStore kv)
    {
        ArgumentNullException.ThrowIfNull(kv);
        _kv = kv;
        _tip = LoadTip(kv);
    }

    /// <summary>The last committed block, or null before genesis.</summary>
    public LedgerTip? Tip => _tip;

    /// <summary>Height of the last committed block, or null before genesis.</summary>
    public ulong? Height => _tip?.Height;

    /// <summary>Hash of the last committed block (a copy), or null before genesis.</summary>
    public byte[]? TipHash => (byte[]?)_tip?.Hash.Clone();

    /// <summary>
    /// Commits the genesis block (height 0) together with the chain config it was built from, in one batch.
    /// The genesis header's previous_hash must be empty or all zero bytes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The ledger already has a genesis block, or the block is not height 0.</exception>
    public void InitGenesis(ChainConfig config, CommittedBlock genesisBlock)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(genesisBlock);
        Commit(genesisBlock, config);
    }

    /// <summary>Commits the block after the tip, with its index, results, state writes, certificates and the new tip.</summary>
    /// <exception cref="InvalidOperationException">
    /// The block's height is not tip + 1, its previous_hash is not the tip's hash, or there is no genesis yet.
    /// </exception>
    public void CommitBlock(CommittedBlock block) => CommitBlock(block, durable: true);

    /// <param name="block">The block after the tip.</param>
    /// <param name="durable">
    /// False only for a block certified by the network that will be followed by a durable commit (block
    /// sync): the write then reaches the OS but is not synced, and the next durable commit syncs it too.
    /// A power loss in between can lose such blocks, never leave a gap; they are fetched again.
    /// </param>
    public void CommitBlock(CommittedBlock block, bool durable)
    {
        ArgumentNullException.ThrowIfNull(block);
        Commit(block, genesisConfig: null, durable);
    }

    /// <summary>The encoded chain config stored at genesis, or null before genesis.</summary>
    public byte[]? GetChainConfig() => _kv.Get(LedgerKeys.ChainConfigKey);

    /// <summary>The chain config stored at genesis, or null before genesis.</summary>
    public ChainConfig? LoadChainConfig()
    {
        var bytes = GetChainConfig();
        return bytes is null ? null : Decode(ChainConfig.Parser, bytes, "the chain config");
    }

    public Block? GetBlock(ulong height)
    {
        Span<byte> key = stackalloc byte[LedgerKeys.BlockKeyBytes];
        LedgerKeys.WriteBlockKey(key, height);
        var bytes = _kv.Get(key);
        return bytes is null ? null : Decode(Block.Parser, bytes, $"block {height}");
    }

    /// <summary>The stored block's encoded bytes, for serving without a decode and re-encode.</summary>
    public byte[]? GetBlockBytes(ulong height)
    {
        Span<byte> key = stackalloc byte[LedgerKeys.BlockKeyBytes];
        LedgerKeys.WriteBlockKey(key, height);
        return _kv.Get(key);
    }

    public ulong? GetBlockHeight(ReadOnlySpan<byte> blockHash)
    {
        var bytes = GetPrefixed(LedgerKeys.BlockHashPrefix, blockHash);
        if (bytes is null)
        {
            return null;
        }

        if (bytes.Length != LedgerKeys.HeightBytes)
        {
            throw Corrupt("a block hash index entry");
        }

        return BinaryPrimitives.ReadUInt64BigEndian(bytes);
    }

    public Block? GetBlockByHash(ReadOnlySpan<byte> blockHash) =>
        GetBlockHeight(blockHash) is { } height ? GetBlock(height) : null;

    public TxLocation? GetTxLocation(ReadOnlySpan<byte> txId)
    {
        var bytes = GetPrefixed(LedgerKeys.TxLocationPrefix, txId);
        if (bytes is null)
        {
            return null;
        }

        if (bytes.Length != LedgerKeys.LocationBytes)
        {
            throw Corrupt("a transaction index entry");
        }

        return LedgerKeys.ReadLocation(bytes);
    }

    /// <summary>Whether a transaction with this id is committed: one key lookup, for replay protection.</summary>
    public bool ContainsTx(ReadOnlySpan<byte> txId)
    {
        var length = 1 + txId.Length;
        byte[]? rented = null;
        var key = length <= LedgerKeys.StackKeyLimit
            ? stackalloc byte[LedgerKeys.StackKeyLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            return _kv.ContainsKey(key[..LedgerKeys.WritePrefixed(key, LedgerKeys.TxLocationPrefix, txId)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public TxResult? GetTxResult(ReadOnlySpan<byte> txId)
    {
        if (GetTxLocation(txId) is not { } location)
        {
            return null;
        }

        Span<byte> key = stackalloc byte[LedgerKeys.TxResultKeyBytes];
        LedgerKeys.WriteTxResultKey(key, location.Height, location.Index);
        var bytes = _kv.Get(key) ?? throw Corrupt($"the result of a transaction in block {location.Height}");
        return Decode(TxResult.Parser, bytes, $"a transaction result in block {location.Height}");
    }

    /// <summary>The results of a block's transactions in block order; empty for an unknown height.</summary>
    public IReadOnlyList<TxResult> GetBlockResults(ulong height)
    {
        var from = new byte[1 + LedgerKeys.HeightBytes];
        from[0] = LedgerKeys.TxResultPrefix;
        BinaryPrimitives.WriteUInt64BigEndian(from.AsSpan(1), height);

        var results = new List<TxResult>();
        foreach (var entry in _kv.Scan(from, LedgerKeys.PrefixEnd(from)))
        {
            results.Add(Decode(TxResult.Parser, entry.Value, $"a transaction result in block {height}"));
        }

        return results;
    }

    public byte[]? GetState(string contract, ReadOnlySpan<byte> key)
    {
        var length = LedgerKeys.StateKeyLength(contract, key.Length);
        byte[]? rented = null;
        var buffer = length <= LedgerKeys.StackKeyLimit
            ? stackalloc byte[LedgerKeys.StackKeyLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            return _kv.Get(buffer[..LedgerKeys.WriteStateKey(buffer, contract, key)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// State entries of <paramref name="contract"/> with <paramref name="fromKey"/> &lt;= key &lt;
    /// <paramref name="toKey"/> in unsigned byte order; a null <paramref name="toKey"/> reads to the end
    /// of the contract's keys. Keys are returned without the table prefix.
    /// </summary>
    public IEnumerable<(byte[] Key, byte[] Value)> ScanState(string contract, byte[] fromKey, byte[]? toKey)
    {
        ArgumentNullException.ThrowIfNull(fromKey);
        var prefixLength = LedgerKeys.StateContractPrefixLength(contract);
        var from = new byte[prefixLength + fromKey.Length];
        LedgerKeys.WriteStateKey(from, contract, fromKey);

        byte[] to;
        if (toKey is null)
        {
            to = LedgerKeys.PrefixEnd(from.AsSpan(0, prefixLength));
        }
        else
        {
            to = new byte[prefixLength + toKey.Length];
            LedgerKeys.WriteStateKey(to, contract, toKey);
        }

        return StripPrefix(_kv.Scan(from, to), prefixLength);
    }

    public byte[]? GetCertificate(ReadOnlySpan<byte> certificateHash) =>
        GetPrefixed(LedgerKeys.CertificatePrefix, certificateHash);

    private void Commit(CommittedBlock block, ChainConfig? genesisConfig, bool durable = true)
    {
        lock (_commitLock)
        {
            var tip = _tip;
            Validate(block, tip, genesisConfig is not null);

            using var batch = _kv.CreateBatch();
            if (genesisConfig is not null)
            {
                _writer.WriteChainConfig(batch, genesisConfig);
            }

            _writer.WriteBlock(batch, block);
            _kv.Write(batch, sync: durable);

            // Only now, with the batch written, may readers learn about the new block.
            _tip = new LedgerTip(block.Header.Height, (byte[])block.Hash.Clone());
        }
    }

    private static void Validate(CommittedBlock block, LedgerTip? tip, bool isGenesis)
    {
        ArgumentNullException.ThrowIfNull(block.Block);
        ArgumentNullException.ThrowIfNull(block.Header);
        ArgumentNullException.ThrowIfNull(block.Hash);
        var height = block.Header.Height;
        if (isGenesis)
        {
            if (tip is not null)
            {
                throw new InvalidOperationException($"The ledger already has a genesis block; its tip is at height {tip.Height}.");
            }

            if (height != 0)
            {
                throw new InvalidOperationException($"A genesis block must have height 0, not {height}.");
            }

            if (block.Header.PreviousHash.Span.ContainsAnyExcept((byte)0))
            {
                throw new InvalidOperationException("A genesis block's previous_hash must be empty or all zero bytes.");
            }
        }
        else
        {
            if (tip is null)
            {
                throw new InvalidOperationException($"Cannot commit block {height}: the ledger has no genesis block; call InitGenesis first.");
            }

            if (height != tip.Height + 1)
            {
                throw new InvalidOperationException($"Cannot commit block {height}: the next block must have height {tip.Height + 1}.");
            }

            if (!block.Header.PreviousHash.Span.SequenceEqual(tip.Hash))
            {
                throw new InvalidOperationException($"Cannot commit block {height}: its previous_hash is not the hash of block {tip.Height}.");
            }
        }

        var txCount = block.Block.Txs.Count;
        if (block.TxIds.Count != txCount || block.Results.Count != txCount)
        {
            throw new ArgumentException(
                $"Block {height} has {txCount} transactions but {block.TxIds.Count} ids and {block.Results.Count} results.",
                nameof(block));
        }
    }

    private static LedgerTip? LoadTip(IKeyValueStore kv)
    {
        var bytes = kv.Get(LedgerKeys.TipKey);
        if (bytes is null)
        {
            return null;
        }

        if (bytes.Length <= LedgerKeys.HeightBytes)
        {
            throw Corrupt("the ledger tip");
        }

        return new LedgerTip(BinaryPrimitives.ReadUInt64BigEndian(bytes), bytes[LedgerKeys.HeightBytes..]);
    }

    private byte[]? GetPrefixed(byte prefix, ReadOnlySpan<byte> id)
    {
        var length = 1 + id.Length;
        byte[]? rented = null;
        var key = length <= LedgerKeys.StackKeyLimit
            ? stackalloc byte[LedgerKeys.StackKeyLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            return _kv.Get(key[..LedgerKeys.WritePrefixed(key, prefix, id)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static IEnumerable<(byte[] Key, byte[] Value)> StripPrefix(
        IEnumerable<KeyValuePair<byte[], byte[]>> entries, int prefixLength)
    {
        foreach (var entry in entries)
        {
            yield return (entry.Key[prefixLength..], entry.Value);
        }
    }

    private static T Decode<T>(MessageParser<T> parser, byte[] bytes, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new ChainError(ErrorCodes.StorageCorrupt, $"The stored {what} cannot be decoded; the database is damaged.", error);
        }
    }

    private static ChainError Corrupt(string what) =>
        new(ErrorCodes.StorageCorrupt, $"The stored {what} is malformed; the database is damaged.");
}
