namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Recodes an odd 256-bit scalar for the eight-lane t·P: eight parts of about 32 bits (part i weighs 2^(32i)),
/// each in seven odd signed 5-bit digits, every digit odd in [-31, 31]. No digit is zero, so the lanes never
/// have to keep a sum aside, and the multiples 1, 3, …, 31 of 2^(32i)·P are exactly the key's wNAF table
/// (<see cref="BasePointTables.SplitOddMultiplesOf"/> with width 6).
/// </summary>
internal static class OddWindowRecoding
{
    public const int WindowBits = 5;

    public const int Parts = 8;

    public const int DigitsPerPart = 7;

    public const int Digits = Parts * DigitsPerPart;

    /// <summary>
    /// digits[7i + j] is digit j of part i: oddScalar = Σ_i 2^(32i) Σ_j digits[7i + j]·32^j. The 32-bit parts
    /// are first made odd from the top down: an even part i gives up one (2^(32i)) to part i - 1 as 2^32 there,
    /// which keeps that part's parity; part 0 is odd as the scalar is. The parts then lie in [-1, 2^33).
    /// </summary>
    public static void Recode(in U256 oddScalar, Span<sbyte> digits)
    {
        if (!oddScalar.IsOdd)
        {
            throw new ArgumentException("The scalar must be odd.", nameof(oddScalar));
        }

        Span<long> parts = stackalloc long[Parts];
        for (int i = 0; i < Parts; i++)
        {
            parts[i] = (long)((oddScalar.Limb(i >> 1) >> (32 * (i & 1))) & uint.MaxValue);
        }

        for (int i = Parts - 1; i > 0; i--)
        {
            if ((parts[i] & 1) == 0)
            {
                parts[i]--;
                parts[i - 1] += 1L << 32;
            }
        }

        for (int i = 0; i < Parts; i++)
        {
            RecodePart(parts[i], digits.Slice(i * DigitsPerPart, DigitsPerPart));
        }
    }

    /// <summary>
    /// For odd k: d = (k mod 64) - 32 is odd in [-31, 31] and (k - d) / 32 is odd and non-negative again. From
    /// k &lt; 2^33 the rest after six steps is below 2^3 + 1, odd, so it is the seventh digit. The one negative
    /// part, -1, is recoded as 1 with every digit negated.
    /// </summary>
    private static void RecodePart(long oddPart, Span<sbyte> digits)
    {
        int sign = oddPart < 0 ? -1 : 1;
        long rest = Math.Abs(oddPart);
        for (int j = 0; j < DigitsPerPart - 1; j++)
        {
            int digit = (int)(rest & 63) - 32;
            digits[j] = (sbyte)(sign * digit);
            rest = (rest - digit) >> WindowBits;
        }

        digits[DigitsPerPart - 1] = (sbyte)(sign * rest);
    }
}
