using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Montgomery multiplication and squaring of <see cref="FieldLanes"/> (R = 2^261): schoolbook columns of
/// vpmuludq products, then nine word-by-word reduction rounds. Callers must run only where
/// <see cref="Avx512F.IsSupported"/>.
/// </summary>
internal readonly partial struct FieldLanes
{
    /// <summary>a·b·2^-261 mod p: 81 products into 17 columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FieldLanes Multiply(in FieldLanes a, in FieldLanes b)
    {
        // Column k sums the a_i·b_j with i + j = k: at most 9 products, each below 2^58.
        var c0 = Mul(a.L0, b.L0);
        var c1 = Mul(a.L0, b.L1) + Mul(a.L1, b.L0);
        var c2 = Mul(a.L0, b.L2) + Mul(a.L1, b.L1) + Mul(a.L2, b.L0);
        var c3 = Mul(a.L0, b.L3) + Mul(a.L1, b.L2) + Mul(a.L2, b.L1) + Mul(a.L3, b.L0);
        var c4 = Mul(a.L0, b.L4) + Mul(a.L1, b.L3) + Mul(a.L2, b.L2) + Mul(a.L3, b.L1) + Mul(a.L4, b.L0);
        var c5 = Mul(a.L0, b.L5) + Mul(a.L1, b.L4) + Mul(a.L2, b.L3) + Mul(a.L3, b.L2) + Mul(a.L4, b.L1) + Mul(a.L5, b.L0);
        var c6 = Mul(a.L0, b.L6) + Mul(a.L1, b.L5) + Mul(a.L2, b.L4) + Mul(a.L3, b.L3) + Mul(a.L4, b.L2) + Mul(a.L5, b.L1) + Mul(a.L6, b.L0);
        var c7 = Mul(a.L0, b.L7) + Mul(a.L1, b.L6) + Mul(a.L2, b.L5) + Mul(a.L3, b.L4) + Mul(a.L4, b.L3) + Mul(a.L5, b.L2) + Mul(a.L6, b.L1) +
            Mul(a.L7, b.L0);
        var c8 = Mul(a.L0, b.L8) + Mul(a.L1, b.L7) + Mul(a.L2, b.L6) + Mul(a.L3, b.L5) + Mul(a.L4, b.L4) + Mul(a.L5, b.L3) + Mul(a.L6, b.L2) +
            Mul(a.L7, b.L1) + Mul(a.L8, b.L0);
        var c9 = Mul(a.L1, b.L8) + Mul(a.L2, b.L7) + Mul(a.L3, b.L6) + Mul(a.L4, b.L5) + Mul(a.L5, b.L4) + Mul(a.L6, b.L3) + Mul(a.L7, b.L2) +
            Mul(a.L8, b.L1);
        var c10 = Mul(a.L2, b.L8) + Mul(a.L3, b.L7) + Mul(a.L4, b.L6) + Mul(a.L5, b.L5) + Mul(a.L6, b.L4) + Mul(a.L7, b.L3) + Mul(a.L8, b.L2);
        var c11 = Mul(a.L3, b.L8) + Mul(a.L4, b.L7) + Mul(a.L5, b.L6) + Mul(a.L6, b.L5) + Mul(a.L7, b.L4) + Mul(a.L8, b.L3);
        var c12 = Mul(a.L4, b.L8) + Mul(a.L5, b.L7) + Mul(a.L6, b.L6) + Mul(a.L7, b.L5) + Mul(a.L8, b.L4);
        var c13 = Mul(a.L5, b.L8) + Mul(a.L6, b.L7) + Mul(a.L7, b.L6) + Mul(a.L8, b.L5);
        var c14 = Mul(a.L6, b.L8) + Mul(a.L7, b.L7) + Mul(a.L8, b.L6);
        var c15 = Mul(a.L7, b.L8) + Mul(a.L8, b.L7);
        var c16 = Mul(a.L8, b.L8);
        return Reduce(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16);
    }

    /// <summary>a^2·2^-261 mod p: 45 products, each cross product once against a doubled limb.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FieldLanes Square(in FieldLanes a)
    {
        // A doubled limb is below 2^30, so a column holds at most four products below 2^59 and one below 2^58.
        var d1 = a.L1 + a.L1;
        var d2 = a.L2 + a.L2;
        var d3 = a.L3 + a.L3;
        var d4 = a.L4 + a.L4;
        var d5 = a.L5 + a.L5;
        var d6 = a.L6 + a.L6;
        var d7 = a.L7 + a.L7;
        var d8 = a.L8 + a.L8;
        var c0 = Mul(a.L0, a.L0);
        var c1 = Mul(a.L0, d1);
        var c2 = Mul(a.L0, d2) + Mul(a.L1, a.L1);
        var c3 = Mul(a.L0, d3) + Mul(a.L1, d2);
        var c4 = Mul(a.L0, d4) + Mul(a.L1, d3) + Mul(a.L2, a.L2);
        var c5 = Mul(a.L0, d5) + Mul(a.L1, d4) + Mul(a.L2, d3);
        var c6 = Mul(a.L0, d6) + Mul(a.L1, d5) + Mul(a.L2, d4) + Mul(a.L3, a.L3);
        var c7 = Mul(a.L0, d7) + Mul(a.L1, d6) + Mul(a.L2, d5) + Mul(a.L3, d4);
        var c8 = Mul(a.L0, d8) + Mul(a.L1, d7) + Mul(a.L2, d6) + Mul(a.L3, d5) + Mul(a.L4, a.L4);
        var c9 = Mul(a.L1, d8) + Mul(a.L2, d7) + Mul(a.L3, d6) + Mul(a.L4, d5);
        var c10 = Mul(a.L2, d8) + Mul(a.L3, d7) + Mul(a.L4, d6) + Mul(a.L5, a.L5);
        var c11 = Mul(a.L3, d8) + Mul(a.L4, d7) + Mul(a.L5, d6);
        var c12 = Mul(a.L4, d8) + Mul(a.L5, d7) + Mul(a.L6, a.L6);
        var c13 = Mul(a.L5, d8) + Mul(a.L6, d7);
        var c14 = Mul(a.L6, d8) + Mul(a.L7, a.L7);
        var c15 = Mul(a.L7, d8);
        var c16 = Mul(a.L8, a.L8);
        return Reduce(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16);
    }

    /// <summary>
    /// Divides the 17 columns (the product, each column below 9·2^58) by 2^261 mod p. Round k adds m·p at column k
    /// with m = c_k mod 2^29, which clears it as p ≡ -1 (mod 2^29); p's form 2^256 - 2^224 - 2^96 + 2^64 - 1 makes
    /// m·p four shifted copies of m (2^64 = 2^(2·29 + 6), 2^96 = 2^(3·29 + 9), 2^224 = 2^(7·29 + 21),
    /// 2^256 = 2^(8·29 + 24)) and the -m that clears column k, whose rest carries as c_k >> 29 (arithmetic).
    /// Columns are therefore signed: each gains or loses less than 2^53 + 2^50 + 2^38 + 2^35 + 2^35 &lt; 2^54 in all
    /// rounds, so they stay in (-2^54, 9·2^58 + 2^54), far inside 64 bits. Columns 9..16 then hold
    /// (a·b + M·p) / 2^261, in [0, 1.125·2^256) (see the type), and one signed carry pass makes nine canonical limbs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldLanes Reduce(
        Vector512<ulong> c0, Vector512<ulong> c1, Vector512<ulong> c2, Vector512<ulong> c3, Vector512<ulong> c4, Vector512<ulong> c5,
        Vector512<ulong> c6, Vector512<ulong> c7, Vector512<ulong> c8, Vector512<ulong> c9, Vector512<ulong> c10, Vector512<ulong> c11,
        Vector512<ulong> c12, Vector512<ulong> c13, Vector512<ulong> c14, Vector512<ulong> c15, Vector512<ulong> c16)
    {
        var mask = Mask;
        Vector512<ulong> m;
        m = c0 & mask;
        c1 += SignedCarry(c0);
        c2 += m << 6;
        c3 -= m << 9;
        c7 -= m << 21;
        c8 += m << 24;
        m = c1 & mask;
        c2 += SignedCarry(c1);
        c3 += m << 6;
        c4 -= m << 9;
        c8 -= m << 21;
        c9 += m << 24;
        m = c2 & mask;
        c3 += SignedCarry(c2);
        c4 += m << 6;
        c5 -= m << 9;
        c9 -= m << 21;
        c10 += m << 24;
        m = c3 & mask;
        c4 += SignedCarry(c3);
        c5 += m << 6;
        c6 -= m << 9;
        c10 -= m << 21;
        c11 += m << 24;
        m = c4 & mask;
        c5 += SignedCarry(c4);
        c6 += m << 6;
        c7 -= m << 9;
        c11 -= m << 21;
        c12 += m << 24;
        m = c5 & mask;
        c6 += SignedCarry(c5);
        c7 += m << 6;
        c8 -= m << 9;
        c12 -= m << 21;
        c13 += m << 24;
        m = c6 & mask;
        c7 += SignedCarry(c6);
        c8 += m << 6;
        c9 -= m << 9;
        c13 -= m << 21;
        c14 += m << 24;
        m = c7 & mask;
        c8 += SignedCarry(c7);
        c9 += m << 6;
        c10 -= m << 9;
        c14 -= m << 21;
        c15 += m << 24;
        m = c8 & mask;
        c9 += SignedCarry(c8);
        c10 += m << 6;
        c11 -= m << 9;
        c15 -= m << 21;
        c16 += m << 24;
        c10 += SignedCarry(c9);
        c11 += SignedCarry(c10);
        c12 += SignedCarry(c11);
        c13 += SignedCarry(c12);
        c14 += SignedCarry(c13);
        c15 += SignedCarry(c14);
        c16 += SignedCarry(c15);
        return new FieldLanes(c9 & mask, c10 & mask, c11 & mask, c12 & mask, c13 & mask, c14 & mask, c15 & mask, c16 & mask, SignedCarry(c16));
    }

    /// <summary>vpmuludq: the low 32 bits of each 64-bit lane multiplied into a 64-bit product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Mul(Vector512<ulong> a, Vector512<ulong> b) => Avx512F.Multiply(a.AsUInt32(), b.AsUInt32());
}
