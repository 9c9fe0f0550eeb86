using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// s·G and t·P for eight independent (s, t, P) at once, one per lane of <see cref="JacobianLanes"/>, for the
/// batch verifier (public data, variable time). The two products stay separate; <see cref="LaneSignatureCheck"/>
/// adds them:
/// <list type="bullet">
/// <item>s·G for odd s: 32 odd signed 8-bit digits (<see cref="OddWindowRecoding.RecodeBase"/>), one mixed
/// addition of ±(2m + 1)·2^(8w)·G per window from <see cref="OddBaseLaneTable"/>, no doublings: 31 additions.</item>
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

    private static readonly FieldLanes One = FieldLanes.Broadcast(FieldElement.One);

    /// <summary>
    /// Fills lane l of <paramref name="baseProduct"/> with oddS[l]·G and of <paramref name="keyProduct"/> with
    /// oddT[l]·P_l (keyTables[l] holds (2m + 1)·2^(32i)·P_l at entry 16i + m); returns all ones in the lanes that
    /// met an exceptional case, whose products are then meaningless.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Vector512<ulong> MultiplyBaseAndKey(
        ReadOnlySpan<U256> oddS, ReadOnlySpan<U256> oddT, in AffineLaneTable.Eight keyTables, out JacobianLanes baseProduct, out JacobianLanes keyProduct)
    {
        var baseFailed = MultiplyBase(oddS, out baseProduct);
        var keyFailed = MultiplyKey(oddT, keyTables, out keyProduct);
        return baseFailed | keyFailed;
    }

    private static Vector512<ulong> MultiplyBase(ReadOnlySpan<U256> oddS, out JacobianLanes product)
    {
        const int windows = OddBaseLaneTable.Windows;
        Span<short> digits = stackalloc short[Lanes * windows];
        for (int lane = 0; lane < Lanes; lane++)
        {
            OddWindowRecoding.RecodeBase(oddS[lane], digits.Slice(lane * windows, windows));
        }

        var tables = default(AffineLaneTable.Eight);
        ((Span<AffineLaneTable>)tables).Fill(OddBaseLaneTable.Instance);
        Span<int> entries = stackalloc int[Lanes];
        Span<bool> negative = stackalloc bool[Lanes];
        JacobianLanes accumulator = default;
        for (int window = 0; window < windows; window++)
        {
            for (int lane = 0; lane < Lanes; lane++)
            {
                int digit = digits[(lane * windows) + window];
                entries[lane] = (window * OddBaseLaneTable.EntriesPerWindow) + ((Math.Abs(digit) - 1) >> 1);
                negative[lane] = digit < 0;
            }

            AffineLaneTable.Load(tables, entries, negative, out var x, out var y);

            // Every digit is nonzero, so the first window starts every lane's sum at the table point.
            accumulator = window == 0 ? new JacobianLanes(x, y, One) : accumulator.AddMixed(x, y);
        }

        product = accumulator;
        return accumulator.Z.ZeroMask;
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
