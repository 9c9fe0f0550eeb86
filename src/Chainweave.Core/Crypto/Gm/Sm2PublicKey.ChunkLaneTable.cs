namespace Chainweave.Core.Crypto.Gm;

/// <summary>The key's table for a single verification in lanes (<see cref="LaneVerification"/>).</summary>
public sealed partial class Sm2PublicKey
{
    /// <summary>Built on the first lane verification only, as the scalar table is on the first scalar one.</summary>
    private AffineLaneTable? _chunkLaneTable;

    /// <summary>
    /// <see cref="ChunkOddMultiples"/> of the key, (2m + 1)·2^(8c)·P at entry 16c + m (c = 0..31, m = 0..15), in
    /// lane form: 512 points, 110 KiB. Thread-safe: racing builders produce equal tables and one of them is published.
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

            table = new AffineLaneTable(ChunkOddMultiples.Of(Point));
            return Interlocked.CompareExchange(ref _chunkLaneTable, table, null) ?? table;
        }
    }
}
