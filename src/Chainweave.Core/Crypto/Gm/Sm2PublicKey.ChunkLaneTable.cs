namespace Chainweave.Core.Crypto.Gm;

/// <summary>The key's table for a single verification in lanes (<see cref="LaneVerification"/>).</summary>
public sealed partial class Sm2PublicKey
{
    /// <summary>Built on the first lane verification only, like the scalar table it is converted from.</summary>
    private AffineLaneTable? _chunkLaneTable;

    /// <summary>
    /// The whole scalar wNAF table, (2m + 1)·2^(16i)·P at entry 16i + m (i = 0..15, m = 0..15), in lane form: all
    /// sixteen 16-bit chunks, where <see cref="LaneTable"/> keeps only the even ones for the batch's 32-bit parts.
    /// Converting 256 points adds no point arithmetic. Thread-safe: racing builders produce equal tables and one of
    /// them is published.
    /// </summary>
    internal AffineLaneTable ChunkLaneTable
    {
        get
        {
            var table = Volatile.Read(ref _chunkLaneTable);
            if (table is not null)
            {
                return table;
            }

            table = new AffineLaneTable(OddMultiples);
            return Interlocked.CompareExchange(ref _chunkLaneTable, table, null) ?? table;
        }
    }
}
