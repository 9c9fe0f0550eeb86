namespace Chainweave.Core.Crypto.Gm;

/// <summary>Width-w non-adjacent form of a public value: odd digits in (-2^(w-1), 2^(w-1)), at most one non-zero in any w consecutive.</summary>
internal static class Wnaf
{
    /// <summary>A 256-bit value has at most 257 digits: the recoding can carry one position past the top bit.</summary>
    public const int MaxDigits = 257;

    /// <summary>
    /// Writes all <see cref="MaxDigits"/> digits of a 256-bit value (zeros included), least significant
    /// first, and returns the position of the highest non-zero digit plus one (0 for a zero value).
    /// </summary>
    public static int Compute(in U256 value, int width, Span<short> digits)
    {
        digits[..MaxDigits].Clear();
        int windowMask = (1 << width) - 1;
        int carry = 0;
        int length = 0;
        int bit = 0;
        while (bit < 256)
        {
            // A window that begins with the pending carry's complement adds nothing: skip one position.
            if (value.Bit(bit) == carry)
            {
                bit++;
                continue;
            }

            int take = Math.Min(width, 256 - bit);
            int word = (int)(Bits(value, bit, take) & (uint)windowMask) + carry;
            carry = (word >> (width - 1)) & 1;
            word -= carry << width;
            digits[bit] = (short)word;
            length = bit + 1;
            bit += take;
        }

        if (carry != 0)
        {
            digits[256] = 1;
            length = 257;
        }

        return length;
    }

    /// <summary>Bits [start, start + count) of value for count ≤ 32, read across a limb boundary where needed.</summary>
    private static ulong Bits(in U256 value, int start, int count)
    {
        int limb = start >> 6;
        int shift = start & 63;
        ulong bits = value.Limb(limb) >> shift;
        if (shift + count > 64 && limb < 3)
        {
            bits |= value.Limb(limb + 1) << (64 - shift);
        }

        return bits & ((1UL << count) - 1);
    }
}
