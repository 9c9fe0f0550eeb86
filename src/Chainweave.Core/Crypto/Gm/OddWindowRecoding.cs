namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Recodes an odd 256-bit scalar into 64 odd signed digits of 4 bits, k = Σ d_i·16^i with every d_i odd in
/// [-15, 15]: no digit is zero, so the eight-lane multiplication never has to keep a lane aside, and the
/// multiples 1, 3, …, 15 (the first eight of the key's wNAF odd multiples) are the whole table.
/// </summary>
internal static class OddWindowRecoding
{
    public const int WindowBits = 4;

    public const int Digits = 64;

    /// <summary>
    /// For odd k: d = (k mod 32) - 16 is odd in [-15, 15] and (k - d) / 16 is odd again, so each step keeps the
    /// rest odd. After 63 steps the rest is below 2^4 + 1 and odd, so at most 15: it is the last digit.
    /// </summary>
    public static void Recode(in U256 oddScalar, Span<sbyte> digits)
    {
        if (!oddScalar.IsOdd)
        {
            throw new ArgumentException("The scalar must be odd.", nameof(oddScalar));
        }

        ulong l0 = oddScalar.L0, l1 = oddScalar.L1, l2 = oddScalar.L2, l3 = oddScalar.L3;
        for (int i = 0; i < Digits - 1; i++)
        {
            int digit = (int)(l0 & 31) - 16;
            digits[i] = (sbyte)digit;

            // k - d: for d ≥ 0 the low five bits hold d + 16, so nothing borrows; for d < 0 add |d| with carry.
            if (digit >= 0)
            {
                l0 -= (ulong)digit;
            }
            else
            {
                ulong before = l0;
                l0 += (ulong)-digit;
                if (l0 < before && ++l1 == 0 && ++l2 == 0)
                {
                    ++l3;
                }
            }

            l0 = (l0 >> WindowBits) | (l1 << (64 - WindowBits));
            l1 = (l1 >> WindowBits) | (l2 << (64 - WindowBits));
            l2 = (l2 >> WindowBits) | (l3 << (64 - WindowBits));
            l3 >>= WindowBits;
        }

        digits[Digits - 1] = (sbyte)l0;
    }
}
