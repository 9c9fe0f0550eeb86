namespace Chainweave.Core.Crypto.Gm;

/// <summary>Scalar multiplication on the SM2 curve: constant-time k·G for secrets, variable-time s·G + t·P for verification.</summary>
internal static class PointMultiplication
{
    public const int PublicKeyWnafWidth = 5;

    /// <summary>
    /// k·G, constant time in k for 0 &lt; k &lt; n: one mixed addition per 4-bit window from the fixed table,
    /// every entry of the window read and masked in, and the digit-zero and first-addition cases chosen
    /// by mask. Within that range the sum so far is never ±the added multiple, so the unchecked addition is exact.
    /// </summary>
    public static JacobianPoint MultiplyBase(in U256 k)
    {
        var table = BasePointTables.Instance.FixedWindow;
        var accumulator = JacobianPoint.Infinity;
        for (int window = 0; window < BasePointTables.Windows; window++)
        {
            int digit = (int)((k.Limb(window >> 4) >> ((window & 15) * 4)) & 15);
            var x = FieldElement.Zero;
            var y = FieldElement.Zero;
            int offset = window * BasePointTables.DigitsPerWindow;
            for (int candidate = 1; candidate <= BasePointTables.DigitsPerWindow; candidate++)
            {
                ulong match = EqualMask(candidate, digit);
                var entry = table[offset + candidate - 1];
                x = FieldElement.Select(match, entry.X, x);
                y = FieldElement.Select(match, entry.Y, y);
            }

            var chosen = new AffinePoint(x, y);
            var sum = accumulator.AddMixedUnchecked(chosen, out _, out _);
            ulong accumulatorIsInfinity = accumulator.Z.ZeroMask;
            ulong digitIsZero = EqualMask(0, digit);
            var first = chosen.ToJacobian();
            var added = Select(accumulatorIsInfinity, first, sum);
            accumulator = Select(digitIsZero, accumulator, added);
        }

        return accumulator;
    }

    /// <summary>
    /// s·G + t·P for public s and t by interleaved wNAF over the eight 64-bit limbs of s and t (width 7 for
    /// G's tables, 5 for P's), so 64 doublings are shared by every term. <paramref name="publicKeyTable"/> is
    /// <see cref="BasePointTables.SplitOddMultiplesOf"/>(P, <see cref="PublicKeyWnafWidth"/>).
    /// </summary>
    public static JacobianPoint MultiplyBaseAndAdd(in U256 s, in U256 t, ReadOnlySpan<AffinePoint> publicKeyTable)
    {
        const int parts = BasePointTables.SplitParts;
        const int limbDigits = 66;
        var generatorTable = BasePointTables.Instance.SplitOddMultiples;
        int generatorPerPart = 1 << (BasePointTables.GeneratorWnafWidth - 2);
        int publicKeyPerPart = 1 << (PublicKeyWnafWidth - 2);
        Span<sbyte> sDigits = stackalloc sbyte[parts * limbDigits];
        Span<sbyte> tDigits = stackalloc sbyte[parts * limbDigits];
        Span<int> sLengths = stackalloc int[parts];
        Span<int> tLengths = stackalloc int[parts];
        int length = 0;
        for (int part = 0; part < parts; part++)
        {
            sLengths[part] = Wnaf.Compute(new U256(s.Limb(part), 0, 0, 0), BasePointTables.GeneratorWnafWidth, sDigits.Slice(part * limbDigits, limbDigits));
            tLengths[part] = Wnaf.Compute(new U256(t.Limb(part), 0, 0, 0), PublicKeyWnafWidth, tDigits.Slice(part * limbDigits, limbDigits));
            length = Math.Max(length, Math.Max(sLengths[part], tLengths[part]));
        }

        var accumulator = JacobianPoint.Infinity;
        for (int i = length - 1; i >= 0; i--)
        {
            accumulator = accumulator.Double();
            for (int part = 0; part < parts; part++)
            {
                int sDigit = i < sLengths[part] ? sDigits[(part * limbDigits) + i] : 0;
                if (sDigit != 0)
                {
                    accumulator = accumulator.AddMixed(Lookup(generatorTable.AsSpan(part * generatorPerPart, generatorPerPart), sDigit));
                }

                int tDigit = i < tLengths[part] ? tDigits[(part * limbDigits) + i] : 0;
                if (tDigit != 0)
                {
                    accumulator = accumulator.AddMixed(Lookup(publicKeyTable.Slice(part * publicKeyPerPart, publicKeyPerPart), tDigit));
                }
            }
        }

        return accumulator;
    }

    private static AffinePoint Lookup(ReadOnlySpan<AffinePoint> oddMultiples, int digit) =>
        digit > 0 ? oddMultiples[digit >> 1] : oddMultiples[-digit >> 1].Negate();

    /// <summary>All ones when a == b, computed without a branch.</summary>
    private static ulong EqualMask(int a, int b)
    {
        ulong difference = (ulong)(uint)(a ^ b);
        return ((difference | (0 - difference)) >> 63) - 1;
    }

    private static JacobianPoint Select(ulong mask, in JacobianPoint a, in JacobianPoint b) => new(
        FieldElement.Select(mask, a.X, b.X),
        FieldElement.Select(mask, a.Y, b.Y),
        FieldElement.Select(mask, a.Z, b.Z));
}
