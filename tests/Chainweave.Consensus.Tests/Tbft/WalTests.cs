using Chainweave.Api.Consensus;
using Chainweave.Consensus.Tbft;
using Chainweave.Consensus.Tbft.Wal;
using Chainweave.Core.Errors;
using Google.Protobuf;

namespace Chainweave.Consensus.Tests.Tbft;

public sealed class WalTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cw-wal-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public void Records_survive_reopening_in_order()
    {
        using (var wal = TbftWal.Open(_folder, durable: true, out var none, out _))
        {
            Assert.Empty(none);
            wal.Append(WalRecord.Received(3, Vote(3, 0)));
            wal.Append(WalRecord.Fired(new TbftTimeout(3, 0, TimeoutKind.Propose)));
            wal.Append(WalRecord.Own(3, Vote(3, 1)));
            wal.Append(WalRecord.TxsArrived(3));
            wal.Sync();
        }

        using var reopened = TbftWal.Open(_folder, durable: true, out var records, out var cut);
        Assert.Equal(0, cut);
        Assert.Equal([WalRecordKind.Received, WalRecordKind.Timeout, WalRecordKind.Own, WalRecordKind.TxsAvailable], records.Select(r => r.Kind));
        Assert.Equal(Vote(3, 1), records[2].Message);
        Assert.Equal(new TbftTimeout(3, 0, TimeoutKind.Propose), records[1].Timeout);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(20)]
    public void A_torn_tail_is_cut_off_and_appending_continues_after_the_last_whole_record(int bytesLost)
    {
        long wholeLength;
        using (var wal = TbftWal.Open(_folder, durable: false, out _, out _))
        {
            wal.Append(WalRecord.Received(1, Vote(1, 0)));
            wal.Sync();
            wholeLength = new FileInfo(wal.Path).Length;
            wal.Append(WalRecord.Own(1, Vote(1, 1)));
            wal.Sync();
        }

        var path = Path.Combine(_folder, TbftWal.FileName);
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length - bytesLost);
        }

        using (var wal = TbftWal.Open(_folder, durable: false, out var records, out var cut))
        {
            Assert.Single(records);
            Assert.True(cut > 0);
            Assert.Equal(wholeLength, new FileInfo(path).Length);
            wal.Append(WalRecord.Own(1, Vote(1, 2)));
            wal.Sync();
        }

        using var again = TbftWal.Open(_folder, durable: false, out var after, out var cutAgain);
        Assert.Equal(0, cutAgain);
        Assert.Equal(2, after.Count);
        Assert.Equal(Vote(1, 2), after[1].Message);
    }

    [Fact]
    public void A_damaged_record_ends_the_log()
    {
        using (var wal = TbftWal.Open(_folder, durable: false, out _, out _))
        {
            wal.Append(WalRecord.Received(1, Vote(1, 0)));
            wal.Append(WalRecord.Received(1, Vote(1, 1)));
            wal.Append(WalRecord.Received(1, Vote(1, 2)));
            wal.Sync();
        }

        var path = Path.Combine(_folder, TbftWal.FileName);
        var bytes = File.ReadAllBytes(path);
        bytes[(bytes.Length / 2) + 3] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        using var reopened = TbftWal.Open(_folder, durable: false, out var records, out var cut);
        Assert.True(records.Count < 3);
        Assert.True(cut > 0);
        Assert.All(records, r => Assert.Equal(WalRecordKind.Received, r.Kind));
    }

    [Fact]
    public void The_guard_remembers_the_last_signed_step_and_orders_height_round_step()
    {
        var guard = LastSignedGuard.Load(_folder, durable: true);
        Assert.True(guard.CompareTo(1, 0, TbftStep.Propose) > 0);
        guard.Record(5, 2, TbftStep.Prevote, Vote(5, 2));

        var loaded = LastSignedGuard.Load(_folder, durable: true);
        Assert.Equal(Vote(5, 2), loaded.Message);
        Assert.Equal(0, loaded.CompareTo(5, 2, TbftStep.Prevote));
        Assert.True(loaded.CompareTo(5, 2, TbftStep.Propose) < 0);
        Assert.True(loaded.CompareTo(5, 1, TbftStep.Precommit) < 0);
        Assert.True(loaded.CompareTo(4, 9, TbftStep.Precommit) < 0);
        Assert.True(loaded.CompareTo(5, 2, TbftStep.Precommit) > 0);
        Assert.True(loaded.CompareTo(5, 3, TbftStep.Propose) > 0);
    }

    [Fact]
    public void A_damaged_guard_refuses_to_load()
    {
        LastSignedGuard.Load(_folder, durable: false).Record(1, 0, TbftStep.Prevote, Vote(1, 0));
        var path = Path.Combine(_folder, LastSignedGuard.FileName);
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<ChainError>(() => LastSignedGuard.Load(_folder, durable: false));
        Assert.Equal(ErrorCodes.StorageCorrupt, error.Code);
    }

    [Fact]
    public void Crc32c_matches_the_standard_check_value()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static ConsensusMessage Vote(ulong height, uint round) => new()
    {
        Vote = new ConsensusVote { Type = VoteType.Prevote, Height = height, Round = round, BlockHash = ByteString.CopyFrom(new byte[32]), Validator = ByteString.CopyFromUtf8("v"), Signature = ByteString.CopyFromUtf8("s") },
    };
}
