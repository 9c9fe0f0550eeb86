namespace Chainweave.Core.Crypto.Gm;

/// <summary>Width-w non-adjacent form of a public value: odd digits in (-2^(w-1), 2^(w-1)), at most one non-zero per w.</summary>
internal static class Wnaf
{
    /// <summary>
    /// Writes the digits of a value below 2^63, least significant first, and returns how many were written
    /// (at most one more than the value's bit length). Positions after the last digit are left untouched.
    /// </summary>
    public static int Compute(ulong value, int width, Span<short> digits)
    {
        long remaining = (long)value;
        long windowMask = (1L << width) - 1;
        long half = 1L << (width - 1);
        int length = 0;
        while (remaining != 0)
        {
            long digit = 0;
            if ((remaining & 1) != 0)
            {
                digit = remaining & windowMask;
                if (digit >= half)
                {
                    digit -= 1L << width;
                }

                remaining -= digit;
            }

            digits[length++] = (short)digit;
            remaining >>= 1;
        }

        return length;
    }
}
