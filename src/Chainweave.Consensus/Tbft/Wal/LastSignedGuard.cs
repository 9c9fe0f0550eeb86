using System.Buffers.Binary;
using Chainweave.Api.Consensus;
using Chainweave.Core.Errors;
using Google.Protobuf;

namespace Chainweave.Consensus.Tbft.Wal;

/// <summary>
/// The persisted (height, round, step) of the last message this validator signed, with the message.
/// Signing anything at or below it is refused, except re-sending the identical message, so a restarted
/// validator cannot sign two conflicting messages even if its WAL was lost.
/// </summary>
public sealed class LastSignedGuard
{
    public const string FileName = "tbft.last-signed";
    private const int HeaderBytes = 8 + 8 + 4 + 1;

    private readonly string _path;
    private readonly bool _durable;

    private LastSignedGuard(string path, bool durable)
    {
        _path = path;
        _durable = durable;
    }

    public ulong Height { get; private set; }

    public int Round { get; private set; } = -1;

    public TbftStep? Step { get; private set; }

    /// <summary>The last signed message, or null when this validator never signed.</summary>
    public ConsensusMessage? Message { get; private set; }

    /// <exception cref="ChainError">STORAGE_CORRUPT when the file exists but is damaged.</exception>
    public static LastSignedGuard Load(string folder, bool durable)
    {
        Directory.CreateDirectory(folder);
        var guard = new LastSignedGuard(Path.Combine(folder, FileName), durable);
        if (!File.Exists(guard._path))
        {
            return guard;
        }

        var bytes = File.ReadAllBytes(guard._path);
        if (bytes.Length < HeaderBytes || Crc32C.Compute(bytes.AsSpan(4)) != BinaryPrimitives.ReadUInt32BigEndian(bytes))
        {
            throw new ChainError(ErrorCodes.StorageCorrupt, $"{guard._path} is damaged; the validator cannot know what it signed last. Restore it or rebuild the node.");
        }

        guard.Height = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8));
        guard.Round = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        guard.Step = (TbftStep)bytes[20];
        guard.Message = ConsensusMessage.Parser.ParseFrom(bytes.AsSpan(HeaderBytes));
        return guard;
    }

    /// <summary>Negative when (height, round, step) comes before the last signed one, 0 when it is the same, positive after.</summary>
    public int CompareTo(ulong height, int round, TbftStep step)
    {
        if (Step is null)
        {
            return 1;
        }

        var byHeight = height.CompareTo(Height);
        if (byHeight != 0)
        {
            return byHeight;
        }

        var byRound = round.CompareTo(Round);
        return byRound != 0 ? byRound : ((byte)step).CompareTo((byte)Step.Value);
    }

    /// <summary>Durably records a signed message (write to a temporary file, sync, rename over).</summary>
    public void Record(ulong height, int round, TbftStep step, ConsensusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.ToByteArray();
        var bytes = new byte[HeaderBytes + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)body.Length);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), height);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), round);
        bytes[20] = (byte)step;
        body.CopyTo(bytes.AsSpan(HeaderBytes));
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Crc32C.Compute(bytes.AsSpan(4)));

        var temp = _path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: _durable);
        }

        File.Move(temp, _path, overwrite: true);
        Height = height;
        Round = round;
        Step = step;
        Message = message;
    }
}
