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
    /// with m = c_k mod 2^29: as p ≡ -1 (mod 2^29), -p^-1 ≡ 1 and c_k + m·p_0 = c_k + m·2^29 - m carries exactly
    /// (c_k >> 29) + m into column k + 1. A column then holds at most 9 products, 8 terms m·p_j (each below 2^58)
    /// and a carry below 2^36: less than 2^62.1, no overflow. The columns 9..16 hold (a·b + M·p) / 2^261, below
    /// 1.125·2^256 (see the type), and one carry pass makes them nine canonical limbs.
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
        c1 += (c0 >> LimbBits) + m + Mul(m, mask);
        c2 += Mul(m, P2);
        c3 += Mul(m, P3);
        c4 += Mul(m, mask);
        c5 += Mul(m, mask);
        c6 += Mul(m, mask);
        c7 += Mul(m, P7);
        c8 += Mul(m, P8);
        m = c1 & mask;
        c2 += (c1 >> LimbBits) + m + Mul(m, mask);
        c3 += Mul(m, P2);
        c4 += Mul(m, P3);
        c5 += Mul(m, mask);
        c6 += Mul(m, mask);
        c7 += Mul(m, mask);
        c8 += Mul(m, P7);
        c9 += Mul(m, P8);
        m = c2 & mask;
        c3 += (c2 >> LimbBits) + m + Mul(m, mask);
        c4 += Mul(m, P2);
        c5 += Mul(m, P3);
        c6 += Mul(m, mask);
        c7 += Mul(m, mask);
        c8 += Mul(m, mask);
        c9 += Mul(m, P7);
        c10 += Mul(m, P8);
        m = c3 & mask;
        c4 += (c3 >> LimbBits) + m + Mul(m, mask);
        c5 += Mul(m, P2);
        c6 += Mul(m, P3);
        c7 += Mul(m, mask);
        c8 += Mul(m, mask);
        c9 += Mul(m, mask);
        c10 += Mul(m, P7);
        c11 += Mul(m, P8);
        m = c4 & mask;
        c5 += (c4 >> LimbBits) + m + Mul(m, mask);
        c6 += Mul(m, P2);
        c7 += Mul(m, P3);
        c8 += Mul(m, mask);
        c9 += Mul(m, mask);
        c10 += Mul(m, mask);
        c11 += Mul(m, P7);
        c12 += Mul(m, P8);
        m = c5 & mask;
        c6 += (c5 >> LimbBits) + m + Mul(m, mask);
        c7 += Mul(m, P2);
        c8 += Mul(m, P3);
        c9 += Mul(m, mask);
        c10 += Mul(m, mask);
        c11 += Mul(m, mask);
        c12 += Mul(m, P7);
        c13 += Mul(m, P8);
        m = c6 & mask;
        c7 += (c6 >> LimbBits) + m + Mul(m, mask);
        c8 += Mul(m, P2);
        c9 += Mul(m, P3);
        c10 += Mul(m, mask);
        c11 += Mul(m, mask);
        c12 += Mul(m, mask);
        c13 += Mul(m, P7);
        c14 += Mul(m, P8);
        m = c7 & mask;
        c8 += (c7 >> LimbBits) + m + Mul(m, mask);
        c9 += Mul(m, P2);
        c10 += Mul(m, P3);
        c11 += Mul(m, mask);
        c12 += Mul(m, mask);
        c13 += Mul(m, mask);
        c14 += Mul(m, P7);
        c15 += Mul(m, P8);
        m = c8 & mask;
        c9 += (c8 >> LimbBits) + m + Mul(m, mask);
        c10 += Mul(m, P2);
        c11 += Mul(m, P3);
        c12 += Mul(m, mask);
        c13 += Mul(m, mask);
        c14 += Mul(m, mask);
        c15 += Mul(m, P7);
        c16 += Mul(m, P8);
        c10 += c9 >> LimbBits;
        c11 += c10 >> LimbBits;
        c12 += c11 >> LimbBits;
        c13 += c12 >> LimbBits;
        c14 += c13 >> LimbBits;
        c15 += c14 >> LimbBits;
        c16 += c15 >> LimbBits;
        return new FieldLanes(c9 & mask, c10 & mask, c11 & mask, c12 & mask, c13 & mask, c14 & mask, c15 & mask, c16 & mask, c16 >> LimbBits);
    }

    /// <summary>vpmuludq: the low 32 bits of each 64-bit lane multiplied into a 64-bit product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Mul(Vector512<ulong> a, Vector512<ulong> b) => Avx512F.Multiply(a.AsUInt32(), b.AsUInt32());
}
