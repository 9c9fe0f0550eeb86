using System.Buffers.Binary;
using System.Text;

namespace Chainweave.Storage.Ledger;

/// <summary>
/// The ledger's key schema: every table is a one-byte prefix, so tables never interleave and a table
/// scans as one key range. Integers are big-endian so that byte order is numeric order.
/// <code>
/// 0x01 Block        01 | height u64           → encoded Block
/// 0x02 BlockHash    02 | block hash           → height u64
/// 0x03 TxLocation   03 | txId                 → height u64 | index u32
/// 0x04 TxResult     04 | height u64 | index u32 → encoded TxResult
/// 0x05 State        05 | contract UTF-8 | 00 | key → value
/// 0x06 Certificate  06 | certificate hash     → DER certificate
/// 0x07 Meta         07 | name (ASCII)         → see below
///      "tip"          → height u64 | block hash
///      "chain-config" → encoded ChainConfig given at genesis
/// </code>
/// TxResult is keyed by location rather than txId so that a block's results are one range scan and
/// the txId → location index is stored once. Never renumber a prefix: data on disk depends on it.
/// </summary>
public static class LedgerKeys
{
    public const byte BlockPrefix = 0x01;
    public const byte BlockHashPrefix = 0x02;
    public const byte TxLocationPrefix = 0x03;
    public const byte TxResultPrefix = 0x04;
    public const byte StatePrefix = 0x05;
    public const byte CertificatePrefix = 0x06;
    public const byte MetaPrefix = 0x07;

    /// <summary>Separates a contract name from a state key; so a contract name may not contain it.</summary>
    public const byte ContractSeparator = 0x00;

    public const int HeightBytes = sizeof(ulong);
    public const int IndexBytes = sizeof(uint);
    public const int LocationBytes = HeightBytes + IndexBytes;
    public const int BlockKeyBytes = 1 + HeightBytes;
    public const int TxResultKeyBytes = 1 + LocationBytes;

    /// <summary>Above this size a key is built in a pooled array instead of on the stack.</summary>
    public const int StackKeyLimit = 256;

    private static readonly byte[] TipName = "\u0007tip"u8.ToArray();
    private static readonly byte[] ChainConfigName = "\u0007chain-config"u8.ToArray();

    public static ReadOnlySpan<byte> TipKey => TipName;

    public static ReadOnlySpan<byte> ChainConfigKey => ChainConfigName;

    public static void WriteBlockKey(Span<byte> destination, ulong height)
    {
        destination[0] = BlockPrefix;
        BinaryPrimitives.WriteUInt64BigEndian(destination[1..], height);
    }

    public static void WriteLocation(Span<byte> destination, ulong height, int index)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, height);
        BinaryPrimitives.WriteUInt32BigEndian(destination[HeightBytes..], checked((uint)index));
    }

    public static TxLocation ReadLocation(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(source), checked((int)BinaryPrimitives.ReadUInt32BigEndian(source[HeightBytes..])));

    public static void WriteTxResultKey(Span<byte> destination, ulong height, int index)
    {
        destination[0] = TxResultPrefix;
        WriteLocation(destination[1..], height, index);
    }

    /// <summary>Writes <paramref name="prefix"/> followed by <paramref name="id"/>; returns the length.</summary>
    public static int WritePrefixed(Span<byte> destination, byte prefix, ReadOnlySpan<byte> id)
    {
        destination[0] = prefix;
        id.CopyTo(destination[1..]);
        return 1 + id.Length;
    }

    /// <summary>Bytes needed for the state key of <paramref name="contract"/> and a key of <paramref name="keyLength"/> bytes.</summary>
    public static int StateKeyLength(string contract, int keyLength) =>
        StateContractPrefixLength(contract) + keyLength;

    /// <summary>Bytes of <c>05 | contract | 00</c>.</summary>
    public static int StateContractPrefixLength(string contract)
    {
        ValidateContract(contract);
        return 2 + Encoding.UTF8.GetByteCount(contract);
    }

    /// <summary>Writes <c>05 | contract | 00 | key</c>; returns the length.</summary>
    public static int WriteStateKey(Span<byte> destination, string contract, ReadOnlySpan<byte> key)
    {
        var length = WriteStateContractPrefix(destination, contract);
        key.CopyTo(destination[length..]);
        return length + key.Length;
    }

    /// <summary>Writes <c>05 | contract | 00</c>; returns the length.</summary>
    public static int WriteStateContractPrefix(Span<byte> destination, string contract)
    {
        ValidateContract(contract);
        destination[0] = StatePrefix;
        var nameLength = Encoding.UTF8.GetBytes(contract, destination[1..]);
        destination[1 + nameLength] = ContractSeparator;
        return 2 + nameLength;
    }

    /// <summary>A contract name must not contain the separator byte, or two contracts' keys could collide.</summary>
    public static void ValidateContract(string contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (contract.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A contract name must not contain the character U+0000.", nameof(contract));
        }
    }

    /// <summary>
    /// The smallest key greater than every key starting with <paramref name="prefix"/>: the exclusive
    /// end of a prefix scan. Empty when no such key exists (the prefix is all 0xFF).
    /// </summary>
    public static byte[] PrefixEnd(ReadOnlySpan<byte> prefix)
    {
        var last = prefix.LastIndexOfAnyExcept((byte)0xFF);
        if (last < 0)
        {
            return [];
        }

        var end = prefix[..(last + 1)].ToArray();
        end[last]++;
        return end;
    }
}
