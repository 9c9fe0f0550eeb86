using Chainweave.Consensus.Tbft.Wal;

namespace Chainweave.Cli.Chaos;

/// <summary>
/// The votes in a stopped node's TBFT write-ahead log (its own and those it received, for the height it was
/// deciding). The log is read from a copy because opening it may cut a torn tail, which must not touch the node's file.
/// </summary>
internal static class WalVotes
{
    /// <summary>Adds the log's votes to the tally; returns how many records it read, or -1 when the node has no log.</summary>
    public static int AddTo(DoubleSignTally tally, string nodeHome)
    {
        var source = Path.Combine(nodeHome, "consensus", TbftWal.FileName);
        if (!File.Exists(source))
        {
            return -1;
        }

        var copy = Path.Combine(Path.GetTempPath(), "chainweave-chaos-wal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        try
        {
            File.Copy(source, Path.Combine(copy, TbftWal.FileName));
            using var wal = TbftWal.Open(copy, durable: false, out var records, out _);
            foreach (var record in records)
            {
                if (record.Message?.Vote is { } vote)
                {
                    tally.Add(vote);
                }
            }

            return records.Count;
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
