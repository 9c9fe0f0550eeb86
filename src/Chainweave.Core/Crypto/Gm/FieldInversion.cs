using System.Runtime.CompilerServices;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// x^-1 mod p for SM2's prime by Bernstein and Yang's constant-time "safegcd": 12 batches of 62 divsteps,
/// each batch found on the low 62 bits alone and then applied to the full values as a 2x2 matrix. The
/// Fermat chain it replaces cost 256 squarings and 15 multiplications (~130k instructions); this costs about
/// a third of that. The number of steps is fixed at 744 (the paper's theorem 11.2 proves
/// floor((49·256 + 57)/17) = 741 enough for any input below 2^256) and every step is branch-free, so the
/// time does not depend on x (signing inverts the secret-derived Z of k·G).
/// </summary>
/// <remarks>
/// Values are five signed 64-bit limbs of 62 bits each (value = Σ limb_i · 2^(62 i)); after each update limbs
/// 0..3 are in [0, 2^62) and limb 4 carries the sign. Invariants: f ≡ d·x and g ≡ e·x (mod p).
/// </remarks>
internal static class FieldInversion
{
    private const int BatchSteps = 62;
    private const int Batches = 12;
    private const long Mask62 = (1L << 62) - 1;

    // p in 62-bit limbs.
    private const long P0 = 0x3FFFFFFFFFFFFFFF;
    private const long P1 = 0x3FFFFFFC00000003;
    private const long P2 = 0x3FFFFFFFFFFFFFFF;
    private const long P3 = 0x3FFFFFBFFFFFFFFF;
    private const long P4 = 0xFF;

    /// <summary>x^-1 mod p for x below p as plain integers (not Montgomery form); zero maps to zero.</summary>
    public static U256 Invert(in U256 x)
    {
        var f = new Signed62(P0, P1, P2, P3, P4);
        var g = Signed62.From(x);
        var d = default(Signed62);
        var e = new Signed62(1, 0, 0, 0, 0);
        long delta = 1;
        for (int batch = 0; batch < Batches; batch++)
        {
            delta = Divsteps(delta, f.L0, g.L0, out var t);
            UpdateDe(ref d, ref e, t);
            UpdateFg(ref f, ref g, t);
        }

        // Now g = 0 and f = ±1 (or f = p and d = 0 for x = 0), so x^-1 = f·d. |d| < 13p after 12 batches.
        long negative = f.L4 >> 63;
        d = new Signed62((d.L0 ^ negative) - negative, (d.L1 ^ negative) - negative, (d.L2 ^ negative) - negative,
            (d.L3 ^ negative) - negative, (d.L4 ^ negative) - negative);
        return Reduce(d);
    }

    /// <summary>
    /// 62 divsteps on the low bits of f and g. Returns the new delta and the matrix t with
    /// 2^62·(f', g') = (u·f + v·g, q·f + r·g).
    /// </summary>
    private static long Divsteps(long delta, long f, long g, out Matrix t)
    {
        long u = 1, v = 0, q = 0, r = 1;
        for (int i = 0; i < BatchSteps; i++)
        {
            long positive = -delta >> 63;
            long odd = -(g & 1);

            // g odd: g += f, or g -= f when delta > 0; the g row of the matrix follows.
            g += ((f ^ positive) - positive) & odd;
            q += ((u ^ positive) - positive) & odd;
            r += ((v ^ positive) - positive) & odd;

            // delta > 0 and g odd: f takes the old g (now g + f), and delta becomes 1 - delta instead of 1 + delta.
            long swap = positive & odd;
            delta = (delta ^ swap) - swap + 1;
            f += g & swap;
            u += q & swap;
            v += r & swap;

            g >>= 1;
            u <<= 1;
            v <<= 1;
        }

        t = new Matrix(u, v, q, r);
        return delta;
    }

    /// <summary>(f, g) ← (u·f + v·g, q·f + r·g) / 2^62, exact by construction of the matrix.</summary>
    private static void UpdateFg(ref Signed62 f, ref Signed62 g, in Matrix t)
    {
        var cf = default(Accumulator);
        var cg = default(Accumulator);
        cf.Add(t.U, f.L0);
        cf.Add(t.V, g.L0);
        cg.Add(t.Q, f.L0);
        cg.Add(t.R, g.L0);
        cf.Shift();
        cg.Shift();

        cf.Add(t.U, f.L1);
        cf.Add(t.V, g.L1);
        cg.Add(t.Q, f.L1);
        cg.Add(t.R, g.L1);
        long f0 = cf.Shift(), g0 = cg.Shift();

        cf.Add(t.U, f.L2);
        cf.Add(t.V, g.L2);
        cg.Add(t.Q, f.L2);
        cg.Add(t.R, g.L2);
        long f1 = cf.Shift(), g1 = cg.Shift();

        cf.Add(t.U, f.L3);
        cf.Add(t.V, g.L3);
        cg.Add(t.Q, f.L3);
        cg.Add(t.R, g.L3);
        long f2 = cf.Shift(), g2 = cg.Shift();

        cf.Add(t.U, f.L4);
        cf.Add(t.V, g.L4);
        cg.Add(t.Q, f.L4);
        cg.Add(t.R, g.L4);
        long f3 = cf.Shift(), g3 = cg.Shift();

        f = new Signed62(f0, f1, f2, f3, cf.Low);
        g = new Signed62(g0, g1, g2, g3, cg.Low);
    }

    /// <summary>
    /// (d, e) ← (u·d + v·e, q·d + r·e) / 2^62 mod p: adding md·p (and me·p) with md ≡ u·d + v·e (mod 2^62) —
    /// p ≡ -1 (mod 2^62) — clears the low 62 bits, so the division is a shift. Each batch widens the range by
    /// less than p (|u| + |v| ≤ 2^62), which the final reduction absorbs.
    /// </summary>
    private static void UpdateDe(ref Signed62 d, ref Signed62 e, in Matrix t)
    {
        long md = ((t.U * d.L0) + (t.V * e.L0)) & Mask62;
        long me = ((t.Q * d.L0) + (t.R * e.L0)) & Mask62;
        var cd = default(Accumulator);
        var ce = default(Accumulator);
        cd.Add(t.U, d.L0);
        cd.Add(t.V, e.L0);
        cd.Add(md, P0);
        ce.Add(t.Q, d.L0);
        ce.Add(t.R, e.L0);
        ce.Add(me, P0);
        cd.Shift();
        ce.Shift();

        cd.Add(t.U, d.L1);
        cd.Add(t.V, e.L1);
        cd.Add(md, P1);
        ce.Add(t.Q, d.L1);
        ce.Add(t.R, e.L1);
        ce.Add(me, P1);
        long d0 = cd.Shift(), e0 = ce.Shift();

        cd.Add(t.U, d.L2);
        cd.Add(t.V, e.L2);
        cd.Add(md, P2);
        ce.Add(t.Q, d.L2);
        ce.Add(t.R, e.L2);
        ce.Add(me, P2);
        long d1 = cd.Shift(), e1 = ce.Shift();

        cd.Add(t.U, d.L3);
        cd.Add(t.V, e.L3);
        cd.Add(md, P3);
        ce.Add(t.Q, d.L3);
        ce.Add(t.R, e.L3);
        ce.Add(me, P3);
        long d2 = cd.Shift(), e2 = ce.Shift();

        cd.Add(t.U, d.L4);
        cd.Add(t.V, e.L4);
        cd.Add(md, P4);
        ce.Add(t.Q, d.L4);
        ce.Add(t.R, e.L4);
        ce.Add(me, P4);
        long d3 = cd.Shift(), e3 = ce.Shift();

        d = new Signed62(d0, d1, d2, d3, cd.Low);
        e = new Signed62(e0, e1, e2, e3, ce.Low);
    }

    /// <summary>d mod p for |d| &lt; 13p: add 16p, then subtract 16p, 8p, 4p, 2p and p wherever the result stays non-negative.</summary>
    private static U256 Reduce(in Signed62 value)
    {
        var sixteenP = ModulusShifted(4);
        var d = Normalize(value.L0 + sixteenP.L0, value.L1 + sixteenP.L1, value.L2 + sixteenP.L2, value.L3 + sixteenP.L3, value.L4 + sixteenP.L4);
        for (int shift = 4; shift >= 0; shift--)
        {
            var multiple = ModulusShifted(shift);
            var reduced = Normalize(d.L0 - multiple.L0, d.L1 - multiple.L1, d.L2 - multiple.L2, d.L3 - multiple.L3, d.L4 - multiple.L4);
            long keep = reduced.L4 >> 63;
            d = new Signed62(
                (d.L0 & keep) | (reduced.L0 & ~keep),
                (d.L1 & keep) | (reduced.L1 & ~keep),
                (d.L2 & keep) | (reduced.L2 & ~keep),
                (d.L3 & keep) | (reduced.L3 & ~keep),
                (d.L4 & keep) | (reduced.L4 & ~keep));
        }

        return new U256(
            (ulong)d.L0 | ((ulong)d.L1 << 62),
            ((ulong)d.L1 >> 2) | ((ulong)d.L2 << 60),
            ((ulong)d.L2 >> 4) | ((ulong)d.L3 << 58),
            ((ulong)d.L3 >> 6) | ((ulong)d.L4 << 56));
    }

    /// <summary>p·2^shift (shift ≤ 4) in normalised 62-bit limbs.</summary>
    private static Signed62 ModulusShifted(int shift) => new(
        (P0 << shift) & Mask62,
        ((P1 << shift) & Mask62) | (P0 >> (62 - shift)),
        ((P2 << shift) & Mask62) | (P1 >> (62 - shift)),
        ((P3 << shift) & Mask62) | (P2 >> (62 - shift)),
        (P4 << shift) | (P3 >> (62 - shift)));

    /// <summary>Carries limbs of up to 66 bits so that limbs 0..3 are in [0, 2^62) again.</summary>
    private static Signed62 Normalize(long l0, long l1, long l2, long l3, long l4)
    {
        l1 += l0 >> 62;
        l2 += l1 >> 62;
        l3 += l2 >> 62;
        l4 += l3 >> 62;
        return new Signed62(l0 & Mask62, l1 & Mask62, l2 & Mask62, l3 & Mask62, l4);
    }

    private readonly record struct Matrix(long U, long V, long Q, long R);

    private readonly struct Signed62(long l0, long l1, long l2, long l3, long l4)
    {
        public readonly long L0 = l0;
        public readonly long L1 = l1;
        public readonly long L2 = l2;
        public readonly long L3 = l3;
        public readonly long L4 = l4;

        public static Signed62 From(in U256 x) => new(
            (long)x.L0 & Mask62,
            (long)((x.L0 >> 62) | (x.L1 << 2)) & Mask62,
            (long)((x.L1 >> 60) | (x.L2 << 4)) & Mask62,
            (long)((x.L2 >> 58) | (x.L3 << 6)) & Mask62,
            (long)(x.L3 >> 56));
    }

    /// <summary>A signed 128-bit sum of 64x64-bit products, split off 62 bits at a time.</summary>
    private struct Accumulator
    {
        private ulong _low;
        private long _high;

        public readonly long Low => (long)_low;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(long a, long b)
        {
            long high = Math.BigMul(a, b, out long low);
            _low += (ulong)low;
            _high += high + (_low < (ulong)low ? 1L : 0L);
        }

        /// <summary>Returns the low 62 bits and shifts the sum right by 62 (arithmetically).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public long Shift()
        {
            long bits = (long)_low & Mask62;
            _low = (_low >> 62) | ((ulong)_high << 2);
            _high >>= 62;
            return bits;
        }
    }
}
