namespace Chainweave.Core.Crypto.Gm;

/// <summary>Width-w non-adjacent form of a public 256-bit scalar: odd digits in (-2^(w-1), 2^(w-1)), at most one non-zero per w.</summary>
internal static class Wnaf
{
    /// <summary>Enough digits for any 256-bit value (the form can be one digit longer than the binary).</summary>
    public const int MaxDigits = 257;

    /// <summary>Writes the digits, least significant first, and returns how many were written.</summary>
    public static int Compute(in U256 scalar, int width, Span<sbyte> digits)
    {
        Span<ulong> value = [scalar.L0, scalar.L1, scalar.L2, scalar.L3, 0];
        int windowMask = (1 << width) - 1;
        int half = 1 << (width - 1);
        int length = 0;
        while ((value[0] | value[1] | value[2] | value[3] | value[4]) != 0)
        {
            int digit = 0;
            if ((value[0] & 1) != 0)
            {
                digit = (int)value[0] & windowMask;
                if (digit >= half)
                {
                    digit -= 1 << width;
                }

                if (digit > 0)
                {
                    SubtractSmall(value, (ulong)digit);
                }
                else
                {
                    AddSmall(value, (ulong)(-digit));
                }
            }

            digits[length++] = (sbyte)digit;
            ShiftRightOne(value);
        }

        return length;
    }

    private static void SubtractSmall(Span<ulong> value, ulong amount)
    {
        for (int i = 0; i < value.Length && amount != 0; i++)
        {
            ulong before = value[i];
            value[i] = before - amount;
            amount = before < amount ? 1UL : 0UL;
        }
    }

    private static void AddSmall(Span<ulong> value, ulong amount)
    {
        for (int i = 0; i < value.Length && amount != 0; i++)
        {
            value[i] += amount;
            amount = value[i] < amount ? 1UL : 0UL;
        }
    }

    private static void ShiftRightOne(Span<ulong> value)
    {
        for (int i = 0; i < value.Length - 1; i++)
        {
            value[i] = (value[i] >> 1) | (value[i + 1] << 63);
        }

        value[^1] >>= 1;
    }
}
