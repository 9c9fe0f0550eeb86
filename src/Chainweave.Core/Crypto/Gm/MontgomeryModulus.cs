using System.Runtime.CompilerServices;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Arithmetic modulo an odd 256-bit modulus m above 2^255 in Montgomery form (x·2^256 mod m), with no
/// data-dependent branch or index: used for both the SM2 field (p) and the group order (n).
/// </summary>
internal sealed class MontgomeryModulus
{
    public MontgomeryModulus(U256 modulus)
    {
        Modulus = modulus;

        // Newton's iteration doubles the correct low bits of m^-1 mod 2^64 each step: 1 → 2 → … → 64.
        ulong inverse = 1;
        for (int i = 0; i < 6; i++)
        {
            inverse *= 2 - (modulus.L0 * inverse);
        }

        NegativeInverse = 0 - inverse;

        // R^2 mod m = 2^512 mod m by doubling 1 modulo m 512 times.
        var value = U256.One;
        for (int i = 0; i < 512; i++)
        {
            value = Add(value, value);
        }

        RSquared = value;
        One = ToMontgomery(U256.One);
    }

    public U256 Modulus { get; }

    /// <summary>-m^-1 mod 2^64.</summary>
    public ulong NegativeInverse { get; }

    public U256 RSquared { get; }

    /// <summary>1 in Montgomery form (2^256 mod m).</summary>
    public U256 One { get; }

    public U256 ToMontgomery(in U256 value) => Multiply(value, RSquared);

    public U256 FromMontgomery(in U256 value) => Multiply(value, U256.One);

    /// <summary>(a + b) mod m for a, b below m.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public U256 Add(in U256 a, in U256 b)
    {
        var sum = U256.Add(a, b, out ulong carry);
        var reduced = U256.Sub(sum, Modulus, out ulong borrow);
        ulong useReduced = carry | (borrow ^ 1);
        return U256.Select(0 - useReduced, reduced, sum);
    }

    /// <summary>(a - b) mod m for a, b below m.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public U256 Subtract(in U256 a, in U256 b)
    {
        var difference = U256.Sub(a, b, out ulong borrow);
        var mask = 0 - borrow;
        var correction = new U256(Modulus.L0 & mask, Modulus.L1 & mask, Modulus.L2 & mask, Modulus.L3 & mask);
        return U256.Add(difference, correction, out _);
    }

    public U256 Negate(in U256 a) => Subtract(U256.Zero, a);

    /// <summary>a·b·2^-256 mod m (CIOS), for a, b below m.</summary>
    public U256 Multiply(in U256 a, in U256 b)
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
        MultiplyRow(a, b.L0, ref t0, ref t1, ref t2, ref t3, ref t4);
        MultiplyRow(a, b.L1, ref t0, ref t1, ref t2, ref t3, ref t4);
        MultiplyRow(a, b.L2, ref t0, ref t1, ref t2, ref t3, ref t4);
        MultiplyRow(a, b.L3, ref t0, ref t1, ref t2, ref t3, ref t4);

        // t < 2m here, so one conditional subtraction is enough.
        var value = new U256(t0, t1, t2, t3);
        var reduced = U256.Sub(value, Modulus, out ulong borrow);
        ulong useReduced = t4 | (borrow ^ 1);
        return U256.Select(0 - useReduced, reduced, value);
    }

    public U256 Square(in U256 a) => Multiply(a, a);

    /// <summary>a^exponent in Montgomery form; the exponent is public (4-bit fixed window, index from the exponent only).</summary>
    public U256 Power(in U256 a, in U256 exponent)
    {
        Span<U256> powers = stackalloc U256[16];
        powers[0] = One;
        powers[1] = a;
        for (int i = 2; i < 16; i++)
        {
            powers[i] = Multiply(powers[i - 1], a);
        }

        var result = One;
        for (int nibble = 63; nibble >= 0; nibble--)
        {
            result = Square(Square(Square(Square(result))));
            int digit = (int)((exponent.Limb(nibble >> 4) >> ((nibble & 15) * 4)) & 15);
            result = Multiply(result, powers[digit]);
        }

        return result;
    }

    /// <summary>a^-1 by Fermat (a^(m-2)); zero maps to zero.</summary>
    public U256 Invert(in U256 a) => Power(a, U256.Sub(Modulus, new U256(2, 0, 0, 0), out _));

    /// <summary>Reduces a value below 2m to below m.</summary>
    public U256 ReduceOnce(in U256 value)
    {
        var reduced = U256.Sub(value, Modulus, out ulong borrow);
        return U256.Select(0 - (borrow ^ 1), reduced, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MultiplyRow(in U256 a, ulong b, ref ulong t0, ref ulong t1, ref ulong t2, ref ulong t3, ref ulong t4)
    {
        t0 = MultiplyAdd(a.L0, b, t0, 0, out ulong carry);
        t1 = MultiplyAdd(a.L1, b, t1, carry, out carry);
        t2 = MultiplyAdd(a.L2, b, t2, carry, out carry);
        t3 = MultiplyAdd(a.L3, b, t3, carry, out carry);
        ulong top = t4 + carry;
        ulong overflow = top < carry ? 1UL : 0UL;

        ulong factor = t0 * NegativeInverse;
        var m = Modulus;
        MultiplyAdd(factor, m.L0, t0, 0, out carry);
        t0 = MultiplyAdd(factor, m.L1, t1, carry, out carry);
        t1 = MultiplyAdd(factor, m.L2, t2, carry, out carry);
        t2 = MultiplyAdd(factor, m.L3, t3, carry, out carry);
        t3 = top + carry;
        t4 = overflow + (t3 < carry ? 1UL : 0UL);
    }

    /// <summary>a·b + c + d as a 128-bit value (it cannot overflow): returns the low half, high half out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyAdd(ulong a, ulong b, ulong c, ulong d, out ulong high)
    {
        high = Math.BigMul(a, b, out ulong low);
        low += c;
        high += low < c ? 1UL : 0UL;
        low += d;
        high += low < d ? 1UL : 0UL;
        return low;
    }
}
