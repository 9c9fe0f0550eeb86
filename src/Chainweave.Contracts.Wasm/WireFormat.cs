using System.Buffers.Binary;
using Chainweave.Api.Ledger;
using Google.Protobuf;

namespace Chainweave.Contracts.Wasm;

/// <summary>
/// The list encoding of the host interface: a u32 little-endian entry count, then each item as a
/// u32 little-endian length and its bytes. An item list has one item per entry; a pair list two
/// (key, then value).
/// </summary>
public static class WireFormat
{
    public static byte[] EncodeArgs(IReadOnlyList<Arg> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var size = 4;
        for (var i = 0; i < args.Count; i++)
        {
            size += 8 + args[i].Key.Length * 3 + args[i].Value.Length;
        }

        var buffer = new byte[size];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)args.Count);
        var at = 4;
        for (var i = 0; i < args.Count; i++)
        {
            var keyLength = System.Text.Encoding.UTF8.GetBytes(args[i].Key, buffer.AsSpan(at + 4));
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(at), (uint)keyLength);
            at += 4 + keyLength;
            at = WriteItem(buffer, at, args[i].Value.Span);
        }

        return buffer[..at];
    }

    public static byte[] EncodePairs(IReadOnlyList<KeyValuePair<byte[], byte[]>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var size = 4;
        for (var i = 0; i < pairs.Count; i++)
        {
            size += 8 + pairs[i].Key.Length + pairs[i].Value.Length;
        }

        var buffer = new byte[size];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)pairs.Count);
        var at = 4;
        for (var i = 0; i < pairs.Count; i++)
        {
            at = WriteItem(buffer, at, pairs[i].Key);
            at = WriteItem(buffer, at, pairs[i].Value);
        }

        return buffer;
    }

    /// <summary>Decodes an item list; null when the bytes are not exactly one well-formed list.</summary>
    public static List<byte[]>? DecodeItems(ReadOnlySpan<byte> data) => Read(data, 1);

    /// <summary>Decodes a pair list into call arguments; null when malformed or a key is not UTF-8.</summary>
    public static List<Arg>? DecodeArgs(ReadOnlySpan<byte> data)
    {
        var items = Read(data, 2);
        if (items is null)
        {
            return null;
        }

        var strict = new System.Text.UTF8Encoding(false, true);
        var args = new List<Arg>(items.Count / 2);
        for (var i = 0; i < items.Count; i += 2)
        {
            string key;
            try
            {
                key = strict.GetString(items[i]);
            }
            catch (System.Text.DecoderFallbackException)
            {
                return null;
            }

            args.Add(new Arg { Key = key, Value = ByteString.CopyFrom(items[i + 1]) });
        }

        return args;
    }

    private static List<byte[]>? Read(ReadOnlySpan<byte> data, int itemsPerEntry)
    {
        if (data.Length < 4)
        {
            return null;
        }

        var entries = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (entries > (uint)(data.Length - 4) / (uint)(4 * itemsPerEntry))
        {
            return null;
        }

        var count = (int)entries * itemsPerEntry;
        var items = new List<byte[]>(count);
        var at = 4;
        for (var i = 0; i < count; i++)
        {
            if (data.Length - at < 4)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(data[at..]);
            at += 4;
            if (length > (uint)(data.Length - at))
            {
                return null;
            }

            items.Add(data.Slice(at, (int)length).ToArray());
            at += (int)length;
        }

        return at == data.Length ? items : null;
    }

    private static int WriteItem(byte[] buffer, int at, ReadOnlySpan<byte> item)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(at), (uint)item.Length);
        item.CopyTo(buffer.AsSpan(at + 4));
        return at + 4 + item.Length;
    }
}
