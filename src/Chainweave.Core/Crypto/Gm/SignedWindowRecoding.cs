namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Recodes a secret 256-bit scalar into signed base-2^w digits in [-2^(w-1), 2^(w-1)], least significant
/// first, with arithmetic only: the digit count and every step are the same for every scalar.
/// </summary>
internal static class SignedWindowRecoding
{
    /// <summary>Fills <paramref name="digits"/> (its length is the window count; bits above 255 read as zero).</summary>
    public static void Recode(in U256 scalar, int width, Span<int> digits)
    {
        int half = 1 << (width - 1);
        int carry = 0;
        for (int window = 0; window < digits.Length; window++)
        {
            int value = (int)Bits(scalar, window * width, width) + carry;

            // 1 when value > half: that window becomes value - 2^w and lends one to the next.
            carry = ((half - value) >> 31) & 1;
            digits[window] = value - (carry << width);
        }
    }

    /// <summary>Bits [start, start + count) of the scalar; the positions are public, only the values are secret.</summary>
    private static ulong Bits(in U256 scalar, int start, int count)
    {
        int limb = start >> 6;
        int shift = start & 63;
        ulong value = LimbOrZero(scalar, limb) >> shift;
        if (shift + count > 64)
        {
            value |= LimbOrZero(scalar, limb + 1) << (64 - shift);
        }

        return value & ((1UL << count) - 1);
    }

    private static ulong LimbOrZero(in U256 scalar, int limb) => limb < 4 ? scalar.Limb(limb) : 0;
}
