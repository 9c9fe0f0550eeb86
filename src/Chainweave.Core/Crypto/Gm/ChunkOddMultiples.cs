namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// The key table of the single verification in lanes: for each of the 32 byte chunks of <see cref="ChunkOddRecoding"/>,
/// the odd multiples 1, 3, …, 31 of 2^(8c)·P. Built once per key (about as much point arithmetic as ten
/// verifications: 256 doublings, 480 mixed additions, two batched inversions).
/// </summary>
internal static class ChunkOddMultiples
{
    public const int PerChunk = 1 << (ChunkOddRecoding.WindowBits - 1);

    /// <summary>Entry [16c + m] is (2m + 1)·2^(8c)·P, c = 0..31, m = 0..15.</summary>
    public static AffinePoint[] Of(in AffinePoint point)
    {
        const int chunks = ChunkOddRecoding.Chunks;

        // Each chunk's base 2^(8c)·P and its double go affine together (one inversion for all), so that every odd
        // multiple below costs a mixed addition rather than a full Jacobian one.
        var bases = new JacobianPoint[2 * chunks];
        var chunkBase = point.ToJacobian();
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            bases[2 * chunk] = chunkBase;
            chunkBase = chunkBase.Double();
            bases[(2 * chunk) + 1] = chunkBase;
            for (int i = 1; i < ChunkOddRecoding.ChunkBits; i++)
            {
                chunkBase = chunkBase.Double();
            }
        }

        var affineBases = new AffinePoint[bases.Length];
        JacobianPoint.ToAffine(bases, affineBases);

        // No multiple is infinity: P has prime order n, and the prime n divides neither 2^(8c) nor an odd 2m + 1 < n.
        // AddMixed would handle every case anyway.
        var jacobian = new JacobianPoint[chunks * PerChunk];
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            var doubled = affineBases[(2 * chunk) + 1];
            jacobian[chunk * PerChunk] = affineBases[2 * chunk].ToJacobian();
            for (int i = 1; i < PerChunk; i++)
            {
                jacobian[(chunk * PerChunk) + i] = jacobian[(chunk * PerChunk) + i - 1].AddMixed(doubled);
            }
        }

        var affine = new AffinePoint[jacobian.Length];
        JacobianPoint.ToAffine(jacobian, affine);
        return affine;
    }
}
