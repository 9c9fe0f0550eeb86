using System.Buffers.Binary;
using Google.Protobuf;

namespace Chainweave.Storage.Ledger;

/// <summary>
/// Turns one <see cref="CommittedBlock"/> into the puts and deletes of one batch, following
/// <see cref="LedgerKeys"/>. Reuses its key and value buffers between blocks, so a block of many
/// transactions costs no allocation per key; therefore one writer at a time (the ledger's commit lock).
/// </summary>
internal sealed class BlockBatchWriter
{
    private byte[] _key = new byte[LedgerKeys.StackKeyLimit];
    private byte[] _value = new byte[64 * 1024];

    public void WriteChainConfig(IWriteBatch batch, IMessage config) =>
        batch.Put(LedgerKeys.ChainConfigKey, Encode(config));

    public void WriteBlock(IWriteBatch batch, CommittedBlock block)
    {
        var height = block.Header.Height;
        Span<byte> heightBytes = stackalloc byte[LedgerKeys.HeightBytes];
        BinaryPrimitives.WriteUInt64BigEndian(heightBytes, height);

        Span<byte> blockKey = stackalloc byte[LedgerKeys.BlockKeyBytes];
        LedgerKeys.WriteBlockKey(blockKey, height);
        batch.Put(blockKey, Encode(block.Block));

        batch.Put(PrefixedKey(LedgerKeys.BlockHashPrefix, block.Hash), heightBytes);

        WriteTransactions(batch, block, height);
        WriteState(batch, block.StateWrites);

        foreach (var certificate in block.NewCertificates)
        {
            batch.Put(PrefixedKey(LedgerKeys.CertificatePrefix, certificate.Hash), certificate.Der);
        }

        var tip = EnsureValueCapacity(LedgerKeys.HeightBytes + block.Hash.Length);
        heightBytes.CopyTo(tip);
        block.Hash.CopyTo(tip[LedgerKeys.HeightBytes..]);
        batch.Put(LedgerKeys.TipKey, tip);
    }

    private void WriteTransactions(IWriteBatch batch, CommittedBlock block, ulong height)
    {
        Span<byte> location = stackalloc byte[LedgerKeys.LocationBytes];
        Span<byte> resultKey = stackalloc byte[LedgerKeys.TxResultKeyBytes];
        for (var index = 0; index < block.TxIds.Count; index++)
        {
            LedgerKeys.WriteLocation(location, height, index);
            batch.Put(PrefixedKey(LedgerKeys.TxLocationPrefix, block.TxIds[index]), location);

            LedgerKeys.WriteTxResultKey(resultKey, height, index);
            batch.Put(resultKey, Encode(block.Results[index]));
        }
    }

    private void WriteState(IWriteBatch batch, IReadOnlyList<StateWrite> writes)
    {
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var key = EnsureKeyCapacity(LedgerKeys.StateKeyLength(write.Contract, write.Key.Length));
            key = key[..LedgerKeys.WriteStateKey(key, write.Contract, write.Key)];
            if (write.Value is null)
            {
                batch.Delete(key);
            }
            else
            {
                batch.Put(key, write.Value);
            }
        }
    }

    private ReadOnlySpan<byte> PrefixedKey(byte prefix, ReadOnlySpan<byte> id)
    {
        var key = EnsureKeyCapacity(1 + id.Length);
        return key[..LedgerKeys.WritePrefixed(key, prefix, id)];
    }

    private ReadOnlySpan<byte> Encode(IMessage message)
    {
        var size = message.CalculateSize();
        var buffer = EnsureValueCapacity(size);
        message.WriteTo(buffer);
        return buffer;
    }

    private Span<byte> EnsureKeyCapacity(int length)
    {
        if (_key.Length < length)
        {
            _key = new byte[Math.Max(length, _key.Length * 2)];
        }

        return _key.AsSpan(0, length);
    }

    private Span<byte> EnsureValueCapacity(int length)
    {
        if (_value.Length < length)
        {
            _value = new byte[Math.Max(length, _value.Length * 2)];
        }

        return _value.AsSpan(0, length);
    }
}
