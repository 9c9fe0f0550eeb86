using System.Runtime.Intrinsics.X86;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>A single verification in the eight AVX-512 lanes (<see cref="LaneVerification"/>) and the key table it reads.</summary>
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

    /// <summary>
    /// <see cref="Verify"/> with s·G + t·P from <see cref="LaneVerification"/>; where the lanes meet an exceptional
    /// case, the sum comes from the scalar code. Callers must run only where <see cref="Avx512F.IsSupported"/>.
    /// </summary>
    internal bool VerifyInLanes(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signatureRs64)
    {
        if (!TryComputeVerificationScalars(message, signatureRs64, out var s, out var t, out var expectedX))
        {
            return false;
        }

        if (LaneVerification.TryMultiplyBaseAndAdd(s, t, ChunkLaneTable, out var sum))
        {
            return AffineXMatches(sum, expectedX);
        }

        sum = PointMultiplication.MultiplyBaseAndAdd(s, t, OddMultiples);
        return !sum.IsInfinity && AffineXMatches(sum, expectedX);
    }
}
