using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// An element of GF(p) for SM2's prime p = 2^256 - 2^224 - 2^96 + 2^64 - 1, in Montgomery form (x·2^256 mod p)
/// as four 64-bit limbs, least significant first. Every operation is branch-free and allocation-free;
/// the multiplication is CIOS specialised to p, whose lowest limb 2^64 - 1 makes -p^-1 mod 2^64 equal 1.
/// </summary>
internal readonly struct FieldElement : IEquatable<FieldElement>
{
    /// <summary>Generic Montgomery constants for p (R^2, one), computed once; the hot paths below use the limbs directly.</summary>
    public static readonly MontgomeryModulus Field =
        new(U256.FromHex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF"));

    private const ulong P0 = ulong.MaxValue;
    private const ulong P1 = 0xFFFFFFFF00000000;
    private const ulong P2 = ulong.MaxValue;
    private const ulong P3 = 0xFFFFFFFEFFFFFFFF;

    private static readonly FieldElement RSquared = new(Field.RSquared);

    /// <summary>R^3 mod p as raw limbs: the Montgomery product R^2·R^2·R^-1.</summary>
    private static readonly FieldElement RCubed = Multiply(RSquared, RSquared);

    private readonly ulong _l0;
    private readonly ulong _l1;
    private readonly ulong _l2;
    private readonly ulong _l3;

    public FieldElement(U256 montgomery)
        : this(montgomery.L0, montgomery.L1, montgomery.L2, montgomery.L3)
    {
    }

    private FieldElement(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        _l0 = l0;
        _l1 = l1;
        _l2 = l2;
        _l3 = l3;
    }

    public U256 Montgomery => new(_l0, _l1, _l2, _l3);

    public static FieldElement Zero => default;

    public static FieldElement One => new(Field.One);

    public bool IsZero => (_l0 | _l1 | _l2 | _l3) == 0;

    /// <summary>All ones when zero, constant time.</summary>
    public ulong ZeroMask
    {
        get
        {
            ulong any = _l0 | _l1 | _l2 | _l3;
            return ((any | (0 - any)) >> 63) - 1;
        }
    }

    /// <summary>Converts a value that must be below p.</summary>
    public static FieldElement FromInteger(in U256 value) => Multiply(new FieldElement(value), RSquared);

    /// <summary>Reads 32 big-endian bytes; false when the value is not below p.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out FieldElement element)
    {
        var value = U256.FromBigEndian(bytes);
        bool canonical = value.IsLessThan(Field.Modulus);
        element = canonical ? FromInteger(value) : default;
        return canonical;
    }

    public U256 ToInteger() => Multiply(this, new FieldElement(1, 0, 0, 0)).Montgomery;

    public void Write(Span<byte> destination) => ToInteger().WriteBigEndian(destination);

    public static FieldElement operator +(FieldElement a, FieldElement b) => Add(a, b);

    public static FieldElement operator -(FieldElement a, FieldElement b) => Subtract(a, b);

    public static FieldElement operator -(FieldElement a) => Subtract(default, a);

    public static FieldElement operator *(FieldElement a, FieldElement b) => Multiply(a, b);

    public FieldElement Square() => Square(this);

    public FieldElement Double() => Add(this, this);

    /// <summary>
    /// The inverse, constant time (zero maps to zero): safegcd on the Montgomery value aR gives (aR)^-1, and
    /// a Montgomery multiplication by R^3 turns that into a^-1·R.
    /// </summary>
    public FieldElement Invert() => Multiply(new FieldElement(FieldInversion.Invert(Montgomery)), RCubed);

    /// <summary>this^(2^count).</summary>
    public FieldElement SquareTimes(int count)
    {
        var result = this;
        for (int i = 0; i < count; i++)
        {
            result = Square(result);
        }

        return result;
    }

    /// <summary>this^exponent for a public exponent (4-bit fixed window; the table index depends on the exponent only).</summary>
    public FieldElement Power(in U256 exponent)
    {
        Span<FieldElement> powers = stackalloc FieldElement[16];
        powers[0] = One;
        powers[1] = this;
        for (int i = 2; i < 16; i++)
        {
            powers[i] = Multiply(powers[i - 1], this);
        }

        var result = One;
        for (int nibble = 63; nibble >= 0; nibble--)
        {
            result = result.SquareTimes(4);
            int digit = (int)((exponent.Limb(nibble >> 4) >> ((nibble & 15) * 4)) & 15);
            result = Multiply(result, powers[digit]);
        }

        return result;
    }

    /// <summary>
    /// A square root, as p ≡ 3 (mod 4) makes a^((p+1)/4) one whenever a is a square; false when a is not
    /// a square. Runs in time independent of a (it serves public point decompression).
    /// </summary>
    public bool TrySquareRoot(out FieldElement root)
    {
        root = Power(SquareRootExponent);
        return root.Square() == this;
    }

    /// <summary>(p + 1) / 4.</summary>
    private static readonly U256 SquareRootExponent = U256.FromHex("3FFFFFFFBFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC00000004000000000000000");

    public static FieldElement Select(ulong mask, in FieldElement a, in FieldElement b) => new(
        (a._l0 & mask) | (b._l0 & ~mask),
        (a._l1 & mask) | (b._l1 & ~mask),
        (a._l2 & mask) | (b._l2 & ~mask),
        (a._l3 & mask) | (b._l3 & ~mask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement Add(in FieldElement a, in FieldElement b)
    {
        ulong carry = 0;
        ulong s0 = U256.AddWithCarry(a._l0, b._l0, ref carry);
        ulong s1 = U256.AddWithCarry(a._l1, b._l1, ref carry);
        ulong s2 = U256.AddWithCarry(a._l2, b._l2, ref carry);
        ulong s3 = U256.AddWithCarry(a._l3, b._l3, ref carry);
        return SubtractModulusIfNotBelow(s0, s1, s2, s3, carry);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement Subtract(in FieldElement a, in FieldElement b)
    {
        ulong borrow = 0;
        ulong d0 = U256.SubWithBorrow(a._l0, b._l0, ref borrow);
        ulong d1 = U256.SubWithBorrow(a._l1, b._l1, ref borrow);
        ulong d2 = U256.SubWithBorrow(a._l2, b._l2, ref borrow);
        ulong d3 = U256.SubWithBorrow(a._l3, b._l3, ref borrow);
        ulong mask = 0 - borrow;
        ulong carry = 0;
        d0 = U256.AddWithCarry(d0, P0 & mask, ref carry);
        d1 = U256.AddWithCarry(d1, P1 & mask, ref carry);
        d2 = U256.AddWithCarry(d2, P2 & mask, ref carry);
        d3 = U256.AddWithCarry(d3, P3 & mask, ref carry);
        return new FieldElement(d0, d1, d2, d3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FieldElement Multiply(in FieldElement a, in FieldElement b)
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5, m, carry;
        carry = 0;
        t0 = MultiplyAdd(a._l0, b._l0, t0, ref carry);
        t1 = MultiplyAdd(a._l1, b._l0, t1, ref carry);
        t2 = MultiplyAdd(a._l2, b._l0, t2, ref carry);
        t3 = MultiplyAdd(a._l3, b._l0, t3, ref carry);
        t4 += carry;
        t5 = t4 < carry ? 1UL : 0UL;
        m = t0;
        carry = m;
        t0 = MultiplyAdd(m, P1, t1, ref carry);
        t1 = MultiplyAdd(m, P2, t2, ref carry);
        t2 = MultiplyAdd(m, P3, t3, ref carry);
        t3 = t4 + carry;
        t4 = t5 + (t3 < carry ? 1UL : 0UL);

        carry = 0;
        t0 = MultiplyAdd(a._l0, b._l1, t0, ref carry);
        t1 = MultiplyAdd(a._l1, b._l1, t1, ref carry);
        t2 = MultiplyAdd(a._l2, b._l1, t2, ref carry);
        t3 = MultiplyAdd(a._l3, b._l1, t3, ref carry);
        t4 += carry;
        t5 = t4 < carry ? 1UL : 0UL;
        m = t0;
        carry = m;
        t0 = MultiplyAdd(m, P1, t1, ref carry);
        t1 = MultiplyAdd(m, P2, t2, ref carry);
        t2 = MultiplyAdd(m, P3, t3, ref carry);
        t3 = t4 + carry;
        t4 = t5 + (t3 < carry ? 1UL : 0UL);

        carry = 0;
        t0 = MultiplyAdd(a._l0, b._l2, t0, ref carry);
        t1 = MultiplyAdd(a._l1, b._l2, t1, ref carry);
        t2 = MultiplyAdd(a._l2, b._l2, t2, ref carry);
        t3 = MultiplyAdd(a._l3, b._l2, t3, ref carry);
        t4 += carry;
        t5 = t4 < carry ? 1UL : 0UL;
        m = t0;
        carry = m;
        t0 = MultiplyAdd(m, P1, t1, ref carry);
        t1 = MultiplyAdd(m, P2, t2, ref carry);
        t2 = MultiplyAdd(m, P3, t3, ref carry);
        t3 = t4 + carry;
        t4 = t5 + (t3 < carry ? 1UL : 0UL);

        carry = 0;
        t0 = MultiplyAdd(a._l0, b._l3, t0, ref carry);
        t1 = MultiplyAdd(a._l1, b._l3, t1, ref carry);
        t2 = MultiplyAdd(a._l2, b._l3, t2, ref carry);
        t3 = MultiplyAdd(a._l3, b._l3, t3, ref carry);
        t4 += carry;
        t5 = t4 < carry ? 1UL : 0UL;
        m = t0;
        carry = m;
        t0 = MultiplyAdd(m, P1, t1, ref carry);
        t1 = MultiplyAdd(m, P2, t2, ref carry);
        t2 = MultiplyAdd(m, P3, t3, ref carry);
        t3 = t4 + carry;
        t4 = t5 + (t3 < carry ? 1UL : 0UL);
        return SubtractModulusIfNotBelow(t0, t1, t2, t3, t4);
    }

    /// <summary>
    /// a^2·2^-256 mod p: the six cross products once, doubled, plus the diagonal (10 multiplications instead
    /// of 16), then four Montgomery reduction rounds over the 512-bit square.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FieldElement Square(in FieldElement a)
    {
        ulong carry = 0;
        ulong r1 = MultiplyAdd(a._l0, a._l1, 0, ref carry);
        ulong r2 = MultiplyAdd(a._l0, a._l2, 0, ref carry);
        ulong r3 = MultiplyAdd(a._l0, a._l3, 0, ref carry);
        ulong r4 = carry;
        carry = 0;
        r3 = MultiplyAdd(a._l1, a._l2, r3, ref carry);
        r4 = MultiplyAdd(a._l1, a._l3, r4, ref carry);
        ulong r5 = carry;
        carry = 0;
        r5 = MultiplyAdd(a._l2, a._l3, r5, ref carry);
        ulong r6 = carry;

        ulong r7 = r6 >> 63;
        r6 = (r6 << 1) | (r5 >> 63);
        r5 = (r5 << 1) | (r4 >> 63);
        r4 = (r4 << 1) | (r3 >> 63);
        r3 = (r3 << 1) | (r2 >> 63);
        r2 = (r2 << 1) | (r1 >> 63);
        r1 <<= 1;

        ulong high0 = MultiplyHigh(a._l0, a._l0, out ulong r0);
        ulong high1 = MultiplyHigh(a._l1, a._l1, out ulong low1);
        ulong high2 = MultiplyHigh(a._l2, a._l2, out ulong low2);
        ulong high3 = MultiplyHigh(a._l3, a._l3, out ulong low3);
        carry = 0;
        r1 = U256.AddWithCarry(r1, high0, ref carry);
        r2 = U256.AddWithCarry(r2, low1, ref carry);
        r3 = U256.AddWithCarry(r3, high1, ref carry);
        r4 = U256.AddWithCarry(r4, low2, ref carry);
        r5 = U256.AddWithCarry(r5, high2, ref carry);
        r6 = U256.AddWithCarry(r6, low3, ref carry);
        r7 = r7 + high3 + carry;

        // Round i clears word i (m = word i, as -p^-1 ≡ 1) and carries into word i + 4; top is the bit above that.
        ulong top = 0;
        carry = r0;
        r1 = MultiplyAdd(r0, P1, r1, ref carry);
        r2 = MultiplyAdd(r0, P2, r2, ref carry);
        r3 = MultiplyAdd(r0, P3, r3, ref carry);
        r4 = U256.AddWithCarry(r4, carry, ref top);
        carry = r1;
        r2 = MultiplyAdd(r1, P1, r2, ref carry);
        r3 = MultiplyAdd(r1, P2, r3, ref carry);
        r4 = MultiplyAdd(r1, P3, r4, ref carry);
        r5 = U256.AddWithCarry(r5, carry, ref top);
        carry = r2;
        r3 = MultiplyAdd(r2, P1, r3, ref carry);
        r4 = MultiplyAdd(r2, P2, r4, ref carry);
        r5 = MultiplyAdd(r2, P3, r5, ref carry);
        r6 = U256.AddWithCarry(r6, carry, ref top);
        carry = r3;
        r4 = MultiplyAdd(r3, P1, r4, ref carry);
        r5 = MultiplyAdd(r3, P2, r5, ref carry);
        r6 = MultiplyAdd(r3, P3, r6, ref carry);
        r7 = U256.AddWithCarry(r7, carry, ref top);
        return SubtractModulusIfNotBelow(r4, r5, r6, r7, top);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyHigh(ulong a, ulong b, out ulong low)
    {
        low = a * b;
        return Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);
    }

    /// <summary>For a value (high:s3..s0) below 2p: subtracts p when it is not below p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement SubtractModulusIfNotBelow(ulong s0, ulong s1, ulong s2, ulong s3, ulong high)
    {
        ulong borrow = 0;
        ulong r0 = U256.SubWithBorrow(s0, P0, ref borrow);
        ulong r1 = U256.SubWithBorrow(s1, P1, ref borrow);
        ulong r2 = U256.SubWithBorrow(s2, P2, ref borrow);
        ulong r3 = U256.SubWithBorrow(s3, P3, ref borrow);
        ulong keepReduced = 0 - (high | (borrow ^ 1));
        return new FieldElement(
            (r0 & keepReduced) | (s0 & ~keepReduced),
            (r1 & keepReduced) | (s1 & ~keepReduced),
            (r2 & keepReduced) | (s2 & ~keepReduced),
            (r3 & keepReduced) | (s3 & ~keepReduced));
    }

    /// <summary>a·b + c + carry (cannot overflow 128 bits): returns the low half, leaves the high half in carry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyAdd(ulong a, ulong b, ulong c, ref ulong carry)
    {
        // mulx for the high half and imul for the low one keep both in registers (BigMul's out goes through memory).
        ulong high = Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);
        ulong low = a * b;
        low += c;
        high += low < c ? 1UL : 0UL;
        low += carry;
        high += low < carry ? 1UL : 0UL;
        carry = high;
        return low;
    }

    public bool Equals(FieldElement other) =>
        ((_l0 ^ other._l0) | (_l1 ^ other._l1) | (_l2 ^ other._l2) | (_l3 ^ other._l3)) == 0;

    public override bool Equals(object? obj) => obj is FieldElement other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_l0, _l1, _l2, _l3);

    public static bool operator ==(FieldElement left, FieldElement right) => left.Equals(right);

    public static bool operator !=(FieldElement left, FieldElement right) => !left.Equals(right);

    public override string ToString() => ToInteger().ToString();
}
