using System.Runtime.Intrinsics.X86;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Scalar multiplication on the SM2 curve: constant-time k·G and k·P for secrets, variable-time s·G + t·P
/// for verification.
/// </summary>
internal static class PointMultiplication
{
    public const int PublicKeyWnafWidth = 6;

    /// <summary>Window width of the constant-time variable-base multiplication: a table of 16 multiples.</summary>
    private const int VariableBaseWidth = 5;

    private const int VariableBaseWindows = 52;

    /// <summary>
    /// k·G, constant time in k for 0 ≤ k &lt; n: with AVX-512, eight lanes share the 37 windows
    /// (<see cref="LaneBaseMultiplication"/>); otherwise <see cref="MultiplyBaseScalar"/>. Both give the same point
    /// (the same affine coordinates; k = 0 gives the canonical infinity).
    /// </summary>
    public static JacobianPoint MultiplyBase(in U256 k) =>
        Avx512F.IsSupported ? LaneBaseMultiplication.MultiplyBase(k) : MultiplyBaseScalar(k);

    /// <summary>
    /// k·G, constant time in k for 0 ≤ k &lt; n: k in signed 7-bit digits, one mixed addition per digit from
    /// the table of j·2^(7i)·G, the table read whole and the sign applied by mask. The partial sum never equals
    /// ± the added multiple for such k (it is below 2^(7i) in size, the multiple at least that), so the
    /// unchecked addition is exact; a zero partial sum means all digits so far were zero and is selected around.
    /// </summary>
    public static JacobianPoint MultiplyBaseScalar(in U256 k)
    {
        var table = BasePointTables.Instance.SignedWindow;
        Span<int> digits = stackalloc int[BasePointTables.Windows];
        SignedWindowRecoding.Recode(k, BasePointTables.WindowBits, digits);
        var accumulator = JacobianPoint.Infinity;
        for (int window = 0; window < BasePointTables.Windows; window++)
        {
            var entries = table.AsSpan(window * BasePointTables.EntriesPerWindow, BasePointTables.EntriesPerWindow);
            accumulator = AddSignedDigit(accumulator, entries, digits[window], complete: false);
        }

        CryptographicZero(digits);
        return accumulator;
    }

    /// <summary>
    /// k·P for a public point P and a secret k (0 ≤ k &lt; n), constant time in k: signed 5-bit windows from
    /// the top, five doublings and one table addition each. Only the last addition can meet the doubling case
    /// (k = n - 6 reaches it), so that one is done with the complete, still branch-free, formula.
    /// </summary>
    public static JacobianPoint Multiply(in AffinePoint point, in U256 k)
    {
        int entryCount = 1 << (VariableBaseWidth - 1);
        Span<JacobianPoint> jacobian = stackalloc JacobianPoint[entryCount];
        jacobian[0] = point.ToJacobian();
        var doubled = jacobian[0].Double();
        jacobian[1] = doubled;
        for (int i = 2; i < entryCount; i++)
        {
            jacobian[i] = jacobian[i - 1].AddMixed(point);
        }

        Span<AffinePoint> table = stackalloc AffinePoint[entryCount];
        JacobianPoint.ToAffine(jacobian, table);
        Span<int> digits = stackalloc int[VariableBaseWindows];
        SignedWindowRecoding.Recode(k, VariableBaseWidth, digits);
        var accumulator = JacobianPoint.Infinity;
        for (int window = VariableBaseWindows - 1; window >= 0; window--)
        {
            for (int i = 0; i < VariableBaseWidth; i++)
            {
                accumulator = accumulator.Double();
            }

            accumulator = AddSignedDigit(accumulator, table, digits[window], complete: window == 0);
        }

        CryptographicZero(digits);
        return accumulator;
    }

    /// <summary>
    /// s·G + t·P for public s and t: one wNAF of each whole scalar (width 10 for G, 6 for P), cut into
    /// sixteen chunks of 16 digit positions; chunk c is added from the odd multiples of 2^(16c)·G or
    /// 2^(16c)·P, so the sixteen chunks share 17 doublings instead of 256. Cutting the digits rather than
    /// the scalar keeps the wNAF's density across chunk borders. <paramref name="publicKeyTable"/> is
    /// <see cref="BasePointTables.SplitOddMultiplesOf"/>(P, <see cref="PublicKeyWnafWidth"/>).
    /// </summary>
    public static JacobianPoint MultiplyBaseAndAdd(in U256 s, in U256 t, ReadOnlySpan<AffinePoint> publicKeyTable)
    {
        const int chunks = BasePointTables.SplitParts;
        const int chunkDigits = BasePointTables.PartBits;
        var generatorTable = BasePointTables.Instance.SplitOddMultiples;
        int generatorPerChunk = 1 << (BasePointTables.GeneratorWnafWidth - 2);
        int publicKeyPerChunk = 1 << (PublicKeyWnafWidth - 2);
        Span<short> sDigits = stackalloc short[Wnaf.MaxDigits];
        Span<short> tDigits = stackalloc short[Wnaf.MaxDigits];
        int length = Math.Max(Wnaf.Compute(s, BasePointTables.GeneratorWnafWidth, sDigits), Wnaf.Compute(t, PublicKeyWnafWidth, tDigits));

        // The offset within a chunk runs to chunkDigits only for the last chunk, which holds the carry digit 256.
        int topOffset = Math.Min(length - 1, chunkDigits);
        var accumulator = JacobianPoint.Infinity;
        for (int offset = topOffset; offset >= 0; offset--)
        {
            if (!accumulator.IsInfinity)
            {
                accumulator = accumulator.Double();
            }

            int firstChunk = offset == chunkDigits ? chunks - 1 : 0;
            for (int chunk = firstChunk; chunk < chunks; chunk++)
            {
                int position = (chunk * chunkDigits) + offset;
                int sDigit = sDigits[position];
                if (sDigit != 0)
                {
                    accumulator = accumulator.AddMixed(Lookup(generatorTable.AsSpan(chunk * generatorPerChunk, generatorPerChunk), sDigit));
                }

                int tDigit = tDigits[position];
                if (tDigit != 0)
                {
                    accumulator = accumulator.AddMixed(Lookup(publicKeyTable.Slice(chunk * publicKeyPerChunk, publicKeyPerChunk), tDigit));
                }
            }
        }

        return accumulator;
    }

    /// <summary>
    /// accumulator + digit·(entries[|digit| - 1]) without a secret-dependent branch or index: digit 0 keeps the
    /// accumulator, an accumulator at infinity takes the entry, and with <paramref name="complete"/> the
    /// doubling and cancelling cases are selected around too.
    /// </summary>
    private static JacobianPoint AddSignedDigit(in JacobianPoint accumulator, ReadOnlySpan<AffinePoint> entries, int digit, bool complete)
    {
        int sign = digit >> 31;
        int magnitude = (digit ^ sign) - sign;
        var entry = ConstantTimeTable.Select(entries, magnitude);
        var chosen = new AffinePoint(entry.X, FieldElement.Select((ulong)(long)sign, -entry.Y, entry.Y));
        var sum = accumulator.AddMixedUnchecked(chosen, out var h, out var r);
        if (complete)
        {
            ulong sameX = h.ZeroMask;
            var doubled = chosen.ToJacobian().Double();
            sum = Select(sameX & r.ZeroMask, doubled, Select(sameX, JacobianPoint.Infinity, sum));
        }

        var added = Select(accumulator.Z.ZeroMask, chosen.ToJacobian(), sum);
        return Select(ConstantTimeTable.EqualMask(0, digit), accumulator, added);
    }

    private static AffinePoint Lookup(ReadOnlySpan<AffinePoint> oddMultiples, int digit) =>
        digit > 0 ? oddMultiples[digit >> 1] : oddMultiples[-digit >> 1].Negate();

    private static JacobianPoint Select(ulong mask, in JacobianPoint a, in JacobianPoint b) => new(
        FieldElement.Select(mask, a.X, b.X),
        FieldElement.Select(mask, a.Y, b.Y),
        FieldElement.Select(mask, a.Z, b.Z));

    private static void CryptographicZero(Span<int> digits) => digits.Clear();
}
