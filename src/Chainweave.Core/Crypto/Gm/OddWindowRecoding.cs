namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Recodes odd 256-bit scalars into odd signed digits for the eight-lane multiplications. No digit is zero, so
/// the lanes never have to keep a sum aside. For t·P (<see cref="Recode"/>): eight parts of about 32 bits (part i
/// weighs 2^(32i)), each in seven odd 5-bit digits in [-31, 31], whose multiples 1, 3, …, 31 of 2^(32i)·P are
/// exactly the key's wNAF table (<see cref="BasePointTables.SplitOddMultiplesOf"/> with width 6). For s·G
/// (<see cref="RecodeBase"/>): 32 odd 8-bit digits in [-255, 255], for <see cref="OddBaseLaneTable"/>.
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

    /// <summary>
    /// oddScalar = Σ digits[w]·256^w with every digit odd in [-255, 255]: d = (k mod 512) - 256 is odd and
    /// (k - d) / 256 odd and non-negative again; from k &lt; 2^256 the rest after 31 steps is below 2^8 + 1 and odd,
    /// so at most 255: the last digit.
    /// </summary>
    public static void RecodeBase(in U256 oddScalar, Span<short> digits)
    {
        const int width = OddBaseLaneTable.WindowBits;
        if (!oddScalar.IsOdd)
        {
            throw new ArgumentException("The scalar must be odd.", nameof(oddScalar));
        }

        ulong l0 = oddScalar.L0, l1 = oddScalar.L1, l2 = oddScalar.L2, l3 = oddScalar.L3;
        for (int i = 0; i < OddBaseLaneTable.Windows - 1; i++)
        {
            int digit = (int)(l0 & ((2UL << width) - 1)) - (1 << width);
            digits[i] = (short)digit;

            // k - d: for d ≥ 0 the low nine bits hold d + 256, so nothing borrows; for d < 0 add |d| with carry.
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

            l0 = (l0 >> width) | (l1 << (64 - width));
            l1 = (l1 >> width) | (l2 << (64 - width));
            l2 = (l2 >> width) | (l3 << (64 - width));
            l3 >>= width;
        }

        digits[OddBaseLaneTable.Windows - 1] = (short)l0;
    }
}
