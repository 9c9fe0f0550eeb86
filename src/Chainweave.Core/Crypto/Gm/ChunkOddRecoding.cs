namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Recodes an odd 256-bit scalar for the single verification in lanes (<see cref="LaneVerification"/>): 32 chunks
/// of about 8 bits (chunk i weighs 2^(8i)), each in two odd signed 5-bit digits in [-31, 31]. Chunk i then reads
/// the odd multiples 1, 3, …, 31 of 2^(8i)·P (<see cref="ChunkOddMultiples"/>), and a lane holding four chunks
/// needs only 5 doublings. No digit is zero, so no lane ever keeps its sum aside.
/// </summary>
internal static class ChunkOddRecoding
{
    public const int WindowBits = 5;

    public const int ChunkBits = 8;

    public const int Chunks = 256 / ChunkBits;

    public const int DigitsPerChunk = 2;

    public const int Digits = Chunks * DigitsPerChunk;

    private const int ChunksPerLimb = 64 / ChunkBits;

    private const ulong ChunkMask = (1UL << ChunkBits) - 1;

    /// <summary>
    /// digits[2i + j] is digit j of chunk i: oddScalar = Σ_i 2^(8i) Σ_j digits[2i + j]·32^j. The chunks are first
    /// made odd from the top down: an even chunk i gives up one (2^(8i)) to chunk i - 1 as 2^8 there, which keeps
    /// that chunk's parity; chunk 0 is odd as the scalar is. The chunks then lie in [-1, 2^9): only the top chunk
    /// can reach -1 (it gives up one and receives nothing), the others are at most 2^8 - 1 + 2^8.
    /// </summary>
    public static void Recode(in U256 oddScalar, Span<sbyte> digits)
    {
        if (!oddScalar.IsOdd)
        {
            throw new ArgumentException("The scalar must be odd.", nameof(oddScalar));
        }

        Span<long> chunks = stackalloc long[Chunks];
        for (int i = 0; i < Chunks; i++)
        {
            chunks[i] = (long)((oddScalar.Limb(i / ChunksPerLimb) >> (ChunkBits * (i % ChunksPerLimb))) & ChunkMask);
        }

        for (int i = Chunks - 1; i > 0; i--)
        {
            if ((chunks[i] & 1) == 0)
            {
                chunks[i]--;
                chunks[i - 1] += 1L << ChunkBits;
            }
        }

        for (int i = 0; i < Chunks; i++)
        {
            RecodeChunk(chunks[i], digits.Slice(i * DigitsPerChunk, DigitsPerChunk));
        }
    }

    /// <summary>
    /// For odd k &gt; 0: d = (k mod 64) - 32 is odd in [-31, 31] and (k - d) / 32 is odd and positive again (k - d ≡ 32
    /// mod 64). From k &lt; 2^9 the rest after one step is at most (2^9 - 1 + 31) / 32 &lt; 17, odd, so at most 15:
    /// it is the second digit. The chunk -1 is recoded as 1 with every digit negated.
    /// </summary>
    private static void RecodeChunk(long oddChunk, Span<sbyte> digits)
    {
        int sign = oddChunk < 0 ? -1 : 1;
        long rest = Math.Abs(oddChunk);
        for (int j = 0; j < DigitsPerChunk - 1; j++)
        {
            int digit = (int)(rest & 63) - 32;
            digits[j] = (sbyte)(sign * digit);
            rest = (rest - digit) >> WindowBits;
        }

        digits[DigitsPerChunk - 1] = (sbyte)(sign * rest);
    }
}
