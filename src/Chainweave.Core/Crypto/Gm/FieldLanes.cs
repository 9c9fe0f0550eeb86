using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Eight independent elements of GF(p), p = 2^256 - 2^224 - 2^96 + 2^64 - 1, one per 64-bit lane: nine limbs
/// of 29 bits (limb k of all eight lanes in <c>L{k}</c>), in Montgomery form x·2^261 mod p. Built for
/// vpmuludq (32×32→64-bit products): 29-bit limbs leave each 64-bit column room for 18 products and a carry.
/// <para>
/// Invariant of every value produced here: each limb in [0, 2^29) and the value below 2^257 (two units of
/// 2^256, so any of x, x + p, x + 2p may represent x; <see cref="ZeroMask"/> compares with all three).
/// Multiplication keeps it because inputs below 2^257 give a product below 2^514, so the Montgomery result
/// is below 2^514 / 2^261 + p &lt; 2^253 + p &lt; 1.125·2^256. Additions and subtractions restore it by
/// <see cref="Fold"/>. Variable time is fine: the batch verifier works on public data only.
/// </para>
/// </summary>
internal readonly partial struct FieldLanes
{
    public const int LimbBits = 29;
    public const int LimbCount = 9;
    public const int Lanes = 8;
    private const ulong LimbMask = (1UL << LimbBits) - 1;

    public readonly Vector512<ulong> L0;
    public readonly Vector512<ulong> L1;
    public readonly Vector512<ulong> L2;
    public readonly Vector512<ulong> L3;
    public readonly Vector512<ulong> L4;
    public readonly Vector512<ulong> L5;
    public readonly Vector512<ulong> L6;
    public readonly Vector512<ulong> L7;
    public readonly Vector512<ulong> L8;

    public FieldLanes(
        Vector512<ulong> l0, Vector512<ulong> l1, Vector512<ulong> l2, Vector512<ulong> l3, Vector512<ulong> l4,
        Vector512<ulong> l5, Vector512<ulong> l6, Vector512<ulong> l7, Vector512<ulong> l8)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
        L4 = l4;
        L5 = l5;
        L6 = l6;
        L7 = l7;
        L8 = l8;
    }

    private static Vector512<ulong> Mask => Vector512.Create(LimbMask);

    /// <summary>p in 29-bit limbs: 2^29-1, 2^29-1, 0x3F, 0x1FFFFE00, 2^29-1 (×3), 0x1FDFFFFF, 0xFFFFFF.</summary>
    private static Vector512<ulong> P2 => Vector512.Create(0x3FUL);

    private static Vector512<ulong> P3 => Vector512.Create(0x1FFFFE00UL);

    private static Vector512<ulong> P7 => Vector512.Create(0x1FDFFFFFUL);

    private static Vector512<ulong> P8 => Vector512.Create(0xFFFFFFUL);

    public static FieldLanes operator +(in FieldLanes a, in FieldLanes b) => Add(a, b);

    public static FieldLanes operator -(in FieldLanes a, in FieldLanes b) => Subtract(a, b);

    public static FieldLanes operator *(in FieldLanes a, in FieldLanes b) => Multiply(a, b);

    /// <summary>Limb sums are below 2^30 and the value below 2^258: within <see cref="Fold"/>'s bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldLanes Add(in FieldLanes a, in FieldLanes b) => Fold(
        a.L0 + b.L0, a.L1 + b.L1, a.L2 + b.L2, a.L3 + b.L3, a.L4 + b.L4,
        a.L5 + b.L5, a.L6 + b.L6, a.L7 + b.L7, a.L8 + b.L8);

    /// <summary>
    /// a - b + 4p, with 4p written in limbs that dominate any b's: 4p's limbs each borrow 2^30 from the next one
    /// (limbs 0..7 become at least 2^30 &gt; b's &lt; 2^29; limb 8 becomes 0x3FFFFFD &gt; b's &lt; 2^25 as b &lt; 2^257),
    /// so no limb goes negative. The result is below 2^257 + 4p &lt; 2^259, limbs below 2^31.1: within
    /// <see cref="Fold"/>'s bounds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldLanes Subtract(in FieldLanes a, in FieldLanes b) => Fold(
        a.L0 + Vector512.Create(0x5FFFFFFCUL) - b.L0,
        a.L1 + Vector512.Create(0x5FFFFFFDUL) - b.L1,
        a.L2 + Vector512.Create(0x400000FDUL) - b.L2,
        a.L3 + Vector512.Create(0x5FFFF7FEUL) - b.L3,
        a.L4 + Vector512.Create(0x5FFFFFFDUL) - b.L4,
        a.L5 + Vector512.Create(0x5FFFFFFDUL) - b.L5,
        a.L6 + Vector512.Create(0x5FFFFFFDUL) - b.L6,
        a.L7 + Vector512.Create(0x5F7FFFFDUL) - b.L7,
        a.L8 + Vector512.Create(0x3FFFFFDUL) - b.L8);

    /// <summary>
    /// 2·(a - b), with one fold: 2·(a - b + 4p) has limbs below 2·(2^29 + 2^30.6) &lt; 2^32.2 and limb 8 below
    /// 2·(2^25 + 2^26) &lt; 2^28, within <see cref="Fold"/>'s bounds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldLanes TwiceDifference(in FieldLanes a, in FieldLanes b) => Fold(
        (a.L0 + Vector512.Create(0x5FFFFFFCUL) - b.L0) << 1,
        (a.L1 + Vector512.Create(0x5FFFFFFDUL) - b.L1) << 1,
        (a.L2 + Vector512.Create(0x400000FDUL) - b.L2) << 1,
        (a.L3 + Vector512.Create(0x5FFFF7FEUL) - b.L3) << 1,
        (a.L4 + Vector512.Create(0x5FFFFFFDUL) - b.L4) << 1,
        (a.L5 + Vector512.Create(0x5FFFFFFDUL) - b.L5) << 1,
        (a.L6 + Vector512.Create(0x5FFFFFFDUL) - b.L6) << 1,
        (a.L7 + Vector512.Create(0x5F7FFFFDUL) - b.L7) << 1,
        (a.L8 + Vector512.Create(0x3FFFFFDUL) - b.L8) << 1);

    /// <summary>
    /// a - 2·b, with one fold: 8p written with limbs 0..7 at least 2^31 - 4 and limb 8 at 0x7FFFFFB (borrowing
    /// 2^31 from each next limb) dominates 2·b's limbs (below 2^30, limb 8 below 2^26); the sum stays below
    /// 2^29 + 2^31.4 per limb, limb 8 below 2^28, within <see cref="Fold"/>'s bounds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldLanes SubtractTwice(in FieldLanes a, in FieldLanes b) => Fold(
        a.L0 + Vector512.Create(0x9FFFFFF8UL) - (b.L0 << 1),
        a.L1 + Vector512.Create(0x9FFFFFFBUL) - (b.L1 << 1),
        a.L2 + Vector512.Create(0x800001FBUL) - (b.L2 << 1),
        a.L3 + Vector512.Create(0x9FFFEFFCUL) - (b.L3 << 1),
        a.L4 + Vector512.Create(0x9FFFFFFBUL) - (b.L4 << 1),
        a.L5 + Vector512.Create(0x9FFFFFFBUL) - (b.L5 << 1),
        a.L6 + Vector512.Create(0x9FFFFFFBUL) - (b.L6 << 1),
        a.L7 + Vector512.Create(0x9EFFFFFBUL) - (b.L7 << 1),
        a.L8 + Vector512.Create(0x7FFFFFBUL) - (b.L8 << 1));

    /// <summary>a - b - 2·c, with one fold: the same 8p dominates b + 2·c's limbs (below 3·2^29, limb 8 below 3·2^25).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldLanes SubtractAndSubtractTwice(in FieldLanes a, in FieldLanes b, in FieldLanes c) => Fold(
        a.L0 + Vector512.Create(0x9FFFFFF8UL) - b.L0 - (c.L0 << 1),
        a.L1 + Vector512.Create(0x9FFFFFFBUL) - b.L1 - (c.L1 << 1),
        a.L2 + Vector512.Create(0x800001FBUL) - b.L2 - (c.L2 << 1),
        a.L3 + Vector512.Create(0x9FFFEFFCUL) - b.L3 - (c.L3 << 1),
        a.L4 + Vector512.Create(0x9FFFFFFBUL) - b.L4 - (c.L4 << 1),
        a.L5 + Vector512.Create(0x9FFFFFFBUL) - b.L5 - (c.L5 << 1),
        a.L6 + Vector512.Create(0x9FFFFFFBUL) - b.L6 - (c.L6 << 1),
        a.L7 + Vector512.Create(0x9EFFFFFBUL) - b.L7 - (c.L7 << 1),
        a.L8 + Vector512.Create(0x7FFFFFBUL) - b.L8 - (c.L8 << 1));

    /// <summary>
    /// a·k for a small k (at most 8), by vpmuludq (limbs and k fit 32 bits; a 64-bit vpmullq would cost three
    /// uops): limbs below 2^32, limb 8 below 2^28, within <see cref="Fold"/>'s bounds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldLanes MultiplySmall(in FieldLanes a, uint k)
    {
        var factor = Vector512.Create((ulong)k);
        return Fold(
            Mul(a.L0, factor), Mul(a.L1, factor), Mul(a.L2, factor), Mul(a.L3, factor), Mul(a.L4, factor),
            Mul(a.L5, factor), Mul(a.L6, factor), Mul(a.L7, factor), Mul(a.L8, factor));
    }

    /// <summary>
    /// c·(a + b) without folding the sum: its limbs stay below 2^30 (the value below 2^258), and a product of a
    /// limb below 2^29 by one below 2^30 is below 2^59, so a column holds less than 9·2^59 + 2^54 &lt; 2^62.2
    /// (see <see cref="Reduce"/>) and the result less than (2·4 / 32 + 1)·2^256: one fold saved, the invariant kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldLanes MultiplyBySum(in FieldLanes c, in FieldLanes a, in FieldLanes b) => Multiply(c, new FieldLanes(
        a.L0 + b.L0, a.L1 + b.L1, a.L2 + b.L2, a.L3 + b.L3, a.L4 + b.L4, a.L5 + b.L5, a.L6 + b.L6, a.L7 + b.L7, a.L8 + b.L8));

    /// <summary>Per lane: mask all ones picks a, all zeros picks b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldLanes Select(Vector512<ulong> mask, in FieldLanes a, in FieldLanes b) => new(
        Vector512.ConditionalSelect(mask, a.L0, b.L0),
        Vector512.ConditionalSelect(mask, a.L1, b.L1),
        Vector512.ConditionalSelect(mask, a.L2, b.L2),
        Vector512.ConditionalSelect(mask, a.L3, b.L3),
        Vector512.ConditionalSelect(mask, a.L4, b.L4),
        Vector512.ConditionalSelect(mask, a.L5, b.L5),
        Vector512.ConditionalSelect(mask, a.L6, b.L6),
        Vector512.ConditionalSelect(mask, a.L7, b.L7),
        Vector512.ConditionalSelect(mask, a.L8, b.L8));

    /// <summary>
    /// All ones in the lanes whose element is zero mod p. The invariant (canonical 29-bit limbs, value below
    /// 2^257 &lt; 3p) leaves exactly three representations of zero, 0, p and 2p, compared limb by limb.
    /// </summary>
    public Vector512<ulong> ZeroMask
    {
        get
        {
            var zero = Vector512<ulong>.Zero;
            var all = Mask;
            var isZero = Vector512.Equals(L0 | L1 | L2 | L3 | L4 | L5 | L6 | L7 | L8, zero);
            var isP = Vector512.Equals(L0, all) & Vector512.Equals(L1, all) & Vector512.Equals(L2, P2) & Vector512.Equals(L3, P3)
                & Vector512.Equals(L4, all) & Vector512.Equals(L5, all) & Vector512.Equals(L6, all) & Vector512.Equals(L7, P7)
                & Vector512.Equals(L8, P8);
            var isTwoP = Vector512.Equals(L0, Vector512.Create(0x1FFFFFFEUL)) & Vector512.Equals(L1, all)
                & Vector512.Equals(L2, Vector512.Create(0x7FUL)) & Vector512.Equals(L3, Vector512.Create(0x1FFFFC00UL))
                & Vector512.Equals(L4, all) & Vector512.Equals(L5, all) & Vector512.Equals(L6, all)
                & Vector512.Equals(L7, Vector512.Create(0x1FBFFFFFUL)) & Vector512.Equals(L8, Vector512.Create(0x1FFFFFFUL));
            return isZero | isP | isTwoP;
        }
    }

    /// <summary>
    /// Brings limbs l0..l7 in [0, 2^33) and l8 in [0, 2^29) back to the invariant with one carry pass. The
    /// bits of limb 8 from 2^256 up, q &lt; 32, are folded down as q·2^256 ≡ q·(2^224 + 2^96 - 2^64 + 1):
    /// afterwards the value is below 2^236.1 (limbs 0..7) + 2^256 (limb 8's low 24 bits) + q·2^224.1 &lt; 2^257, and
    /// still non-negative (q·2^224 outweighs the -q·2^64), so the signed carry pass (arithmetic shifts, as limb 2
    /// may have gone negative) leaves limbs 0..7 in [0, 2^29) and limb 8 = value >> 232 below 2^25.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldLanes Fold(
        Vector512<ulong> l0, Vector512<ulong> l1, Vector512<ulong> l2, Vector512<ulong> l3, Vector512<ulong> l4,
        Vector512<ulong> l5, Vector512<ulong> l6, Vector512<ulong> l7, Vector512<ulong> l8)
    {
        var q = l8 >> 24;
        l8 &= Vector512.Create((1UL << 24) - 1);
        l0 += q;
        l2 -= q << 6;
        l3 += q << 9;
        l7 += q << 21;
        l1 += SignedCarry(l0);
        l0 &= Mask;
        l2 += SignedCarry(l1);
        l1 &= Mask;
        l3 += SignedCarry(l2);
        l2 &= Mask;
        l4 += SignedCarry(l3);
        l3 &= Mask;
        l5 += SignedCarry(l4);
        l4 &= Mask;
        l6 += SignedCarry(l5);
        l5 &= Mask;
        l7 += SignedCarry(l6);
        l6 &= Mask;
        l8 += SignedCarry(l7);
        l7 &= Mask;
        return new FieldLanes(l0, l1, l2, l3, l4, l5, l6, l7, l8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> SignedCarry(Vector512<ulong> limb) =>
        Vector512.ShiftRightArithmetic(limb.AsInt64(), LimbBits).AsUInt64();
}
