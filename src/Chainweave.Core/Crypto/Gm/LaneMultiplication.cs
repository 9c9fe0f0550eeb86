using System.Runtime.Intrinsics;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// s·G and t·P for eight independent (s, t, P) at once, one per lane of <see cref="JacobianLanes"/>, for the
/// batch verifier (public data, variable time). The two products stay separate; <see cref="LaneSignatureCheck"/>
/// adds them:
/// <list type="bullet">
/// <item>s·G: s in 37 signed 7-bit digits, one mixed addition of ±d·2^(7w)·G per window from
/// <see cref="BasePointTables.SignedWindow"/>, no doublings; a lane keeps its sum for a zero digit and takes
/// the table point while its sum is still infinity.</item>
/// <item>t·P for odd t: eight parts of seven odd signed 5-bit digits (<see cref="OddWindowRecoding"/>), digit j
/// of part i applied to 2^(32i)·P, so the windows j = 6..0 share 5·6 = 30 doublings and every step is one mixed
/// addition of ±(2m + 1)·2^(32i)·P (m &lt; 16) from the key's own table: 56 additions.</item>
/// </list>
/// A lane whose partial sum ever meets ± the point being added (an exceptional case of the mixed addition,
/// negligibly rare) ends with Z ≡ 0 while not legitimately at infinity: it is reported in the returned mask, and
/// the caller verifies it again with the scalar code.
/// </summary>
internal static class LaneMultiplication
{
    public const int Lanes = FieldLanes.Lanes;

    /// <summary>Entries per 32-bit part of a key table: the odd multiples 1, 3, …, 31.</summary>
    public const int KeyEntriesPerPart = 16;

    private static readonly Lazy<AffineLaneTable> BaseTable = new(() => new AffineLaneTable(BasePointTables.Instance.SignedWindow));

    private static readonly FieldLanes One = FieldLanes.Broadcast(FieldElement.One);

    /// <summary>
    /// Fills lane l of <paramref name="baseProduct"/> with s[l]·G and of <paramref name="keyProduct"/> with
    /// oddT[l]·P_l (keyTables[l] holds (2m + 1)·2^(32i)·P_l at entry 16i + m); returns all ones in the lanes that
    /// met an exceptional case, whose products are then meaningless.
    /// </summary>
    public static Vector512<ulong> MultiplyBaseAndKey(
        ReadOnlySpan<U256> s, ReadOnlySpan<U256> oddT, in AffineLaneTable.Eight keyTables, out JacobianLanes baseProduct, out JacobianLanes keyProduct)
    {
        var baseFailed = MultiplyBase(s, out baseProduct);
        var keyFailed = MultiplyKey(oddT, keyTables, out keyProduct);
        return baseFailed | keyFailed;
    }

    private static Vector512<ulong> MultiplyBase(ReadOnlySpan<U256> s, out JacobianLanes product)
    {
        const int windows = BasePointTables.Windows;
        Span<int> digits = stackalloc int[Lanes * windows];
        for (int lane = 0; lane < Lanes; lane++)
        {
            SignedWindowRecoding.Recode(s[lane], BasePointTables.WindowBits, digits.Slice(lane * windows, windows));
        }

        var tables = default(AffineLaneTable.Eight);
        ((Span<AffineLaneTable>)tables).Fill(BaseTable.Value);
        Span<int> entries = stackalloc int[Lanes];
        Span<bool> negative = stackalloc bool[Lanes];
        Span<ulong> zeroDigit = stackalloc ulong[Lanes];
        var accumulator = new JacobianLanes(One, One, default);
        var atInfinity = Vector512<ulong>.AllBitsSet;
        for (int window = 0; window < windows; window++)
        {
            for (int lane = 0; lane < Lanes; lane++)
            {
                int digit = digits[(lane * windows) + window];
                int magnitude = Math.Abs(digit);
                entries[lane] = (window * BasePointTables.EntriesPerWindow) + Math.Max(magnitude, 1) - 1;
                negative[lane] = digit < 0;
                zeroDigit[lane] = digit == 0 ? ulong.MaxValue : 0;
            }

            var keep = Vector512.Create((ReadOnlySpan<ulong>)zeroDigit);
            if (keep == Vector512<ulong>.AllBitsSet)
            {
                continue;
            }

            AffineLaneTable.Load(tables, entries, negative, out var x, out var y);
            var entry = new JacobianLanes(x, y, One);
            var next = atInfinity == Vector512<ulong>.AllBitsSet
                ? entry
                : JacobianLanes.Select(atInfinity, entry, accumulator.AddMixed(x, y));
            accumulator = JacobianLanes.Select(keep, accumulator, next);
            atInfinity &= keep;
        }

        // A lane still at infinity (s = 0, which the verifier never passes) reads as Z = 0: the canonical infinity.
        var failed = accumulator.Z.ZeroMask & ~atInfinity;
        product = new JacobianLanes(accumulator.X, accumulator.Y, FieldLanes.Select(atInfinity, default, accumulator.Z));
        return failed;
    }

    private static Vector512<ulong> MultiplyKey(ReadOnlySpan<U256> oddT, in AffineLaneTable.Eight tables, out JacobianLanes product)
    {
        const int digitCount = OddWindowRecoding.Digits;
        const int windows = OddWindowRecoding.DigitsPerPart;
        Span<sbyte> digits = stackalloc sbyte[Lanes * digitCount];
        for (int lane = 0; lane < Lanes; lane++)
        {
            OddWindowRecoding.Recode(oddT[lane], digits.Slice(lane * digitCount, digitCount));
        }

        Span<int> entries = stackalloc int[Lanes];
        Span<bool> negative = stackalloc bool[Lanes];
        JacobianLanes accumulator = default;
        for (int window = windows - 1; window >= 0; window--)
        {
            if (window < windows - 1)
            {
                for (int i = 0; i < OddWindowRecoding.WindowBits; i++)
                {
                    accumulator = accumulator.Double();
                }
            }

            for (int part = 0; part < OddWindowRecoding.Parts; part++)
            {
                for (int lane = 0; lane < Lanes; lane++)
                {
                    int digit = digits[(lane * digitCount) + (part * windows) + window];
                    entries[lane] = (part * KeyEntriesPerPart) + ((Math.Abs(digit) - 1) >> 1);
                    negative[lane] = digit < 0;
                }

                AffineLaneTable.Load(tables, entries, negative, out var x, out var y);

                // Every digit is nonzero, so the very first step starts every lane's sum at the table point.
                accumulator = window == windows - 1 && part == 0 ? new JacobianLanes(x, y, One) : accumulator.AddMixed(x, y);
            }
        }

        product = accumulator;
        return accumulator.Z.ZeroMask;
    }
}
