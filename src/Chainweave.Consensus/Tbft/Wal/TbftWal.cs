using System.Buffers.Binary;
using Chainweave.Api.Consensus;
using Google.Protobuf;

namespace Chainweave.Consensus.Tbft.Wal;

/// <summary>
/// The consensus write-ahead log of the height being decided: every input in order, each record
/// framed as [length u32][crc32c u32][payload]. <see cref="Sync"/> runs before any own message leaves
/// the node. A record cut short by a crash (or damaged) ends the log: it and everything after are cut off
/// when the log is opened. The log is emptied once a height is committed to the ledger.
/// </summary>
public sealed class TbftWal : IDisposable
{
    public const string FileName = "tbft.wal";
    private const int FrameBytes = 8;
    private const int MaxRecordBytes = 256 * 1024 * 1024;

    private readonly FileStream _file;
    private readonly bool _durable;

    private TbftWal(FileStream file, bool durable)
    {
        _file = file;
        _durable = durable;
    }

    public string Path => _file.Name;

    /// <summary>Opens (or creates) folder/tbft.wal, reads its records and cuts off a torn tail.</summary>
    public static TbftWal Open(string folder, bool durable, out List<WalRecord> records, out long cutBytes)
    {
        Directory.CreateDirectory(folder);
        var file = new FileStream(System.IO.Path.Combine(folder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 64 * 1024);
        try
        {
            records = ReadAll(file, out var goodLength);
            cutBytes = file.Length - goodLength;
            if (cutBytes > 0)
            {
                file.SetLength(goodLength);
                file.Flush(flushToDisk: true);
            }

            file.Seek(0, SeekOrigin.End);
            return new TbftWal(file, durable);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends without syncing; a later <see cref="Sync"/> makes it (and all before it) durable.</summary>
    public void Append(WalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var body = record.Message?.ToByteArray() ?? [];
        var payloadLength = 1 + 8 + (record.Kind == WalRecordKind.Timeout ? 5 : body.Length);
        var frame = new byte[FrameBytes + payloadLength];
        var payload = frame.AsSpan(FrameBytes);
        payload[0] = (byte)record.Kind;
        BinaryPrimitives.WriteUInt64BigEndian(payload[1..], record.Height);
        if (record.Kind == WalRecordKind.Timeout)
        {
            BinaryPrimitives.WriteInt32BigEndian(payload[9..], record.Timeout.Round);
            payload[13] = (byte)record.Timeout.Kind;
        }
        else
        {
            body.CopyTo(payload[9..]);
        }

        BinaryPrimitives.WriteInt32BigEndian(frame, payloadLength);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), Crc32C.Compute(payload));
        _file.Write(frame);
    }

    public void Sync()
    {
        _file.Flush(flushToDisk: _durable);
    }

    /// <summary>Empties the log after its height is durably committed.</summary>
    /// <remarks>
    /// Not synced: records of a committed height are ignored on replay, so a truncation lost in a
    /// crash costs nothing, and the next <see cref="Sync"/> makes it durable with the new height's
    /// records. Syncing here cost one fsync per block, also for every block caught up by sync.
    /// </remarks>
    public void Reset()
    {
        _file.SetLength(0);
        _file.Seek(0, SeekOrigin.Begin);
    }

    public void Dispose() => _file.Dispose();

    private static List<WalRecord> ReadAll(FileStream file, out long goodLength)
    {
        var records = new List<WalRecord>();
        goodLength = 0;
        file.Seek(0, SeekOrigin.Begin);
        var frame = new byte[FrameBytes];
        while (true)
        {
            if (!ReadExactly(file, frame))
            {
                return records;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(frame);
            if (length < 9 || length > MaxRecordBytes || length > file.Length - file.Position)
            {
                return records;
            }

            var payload = new byte[length];
            if (!ReadExactly(file, payload) || Crc32C.Compute(payload) != BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(4)))
            {
                return records;
            }

            var record = Decode(payload);
            if (record is null)
            {
                return records;
            }

            records.Add(record);
            goodLength = file.Position;
        }
    }

    private static WalRecord? Decode(byte[] payload)
    {
        var kind = (WalRecordKind)payload[0];
        var height = BinaryPrimitives.ReadUInt64BigEndian(payload.AsSpan(1));
        switch (kind)
        {
            case WalRecordKind.Timeout when payload.Length == 14:
                var round = BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(9));
                return WalRecord.Fired(new TbftTimeout(height, round, (TimeoutKind)payload[13]));
            case WalRecordKind.TxsAvailable when payload.Length == 9:
                return WalRecord.TxsArrived(height);
            case WalRecordKind.Received or WalRecordKind.Own:
                try
                {
                    var message = ConsensusMessage.Parser.ParseFrom(payload.AsSpan(9));
                    return new WalRecord(kind, height, message, default);
                }
                catch (InvalidProtocolBufferException)
                {
                    return null;
                }

            default:
                return null;
        }
    }

    private static bool ReadExactly(FileStream file, Span<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = file.Read(buffer[read..]);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
