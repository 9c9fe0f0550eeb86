using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>A 256-bit unsigned integer as four 64-bit limbs, least significant first.</summary>
internal readonly struct U256(ulong l0, ulong l1, ulong l2, ulong l3) : IEquatable<U256>
{
    public readonly ulong L0 = l0;
    public readonly ulong L1 = l1;
    public readonly ulong L2 = l2;
    public readonly ulong L3 = l3;

    public static U256 Zero => default;

    public static U256 One => new(1, 0, 0, 0);

    public bool IsZero => (L0 | L1 | L2 | L3) == 0;

    public bool IsOdd => (L0 & 1) != 0;

    /// <summary>All ones when zero, else all zeros, computed without a branch.</summary>
    public ulong ZeroMask
    {
        get
        {
            ulong any = L0 | L1 | L2 | L3;
            return ((any | (0 - any)) >> 63) - 1;
        }
    }

    public static U256 FromBigEndian(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes));

    public static U256 FromHex(string hex) => FromBigEndian(Convert.FromHexString(hex));

    public void WriteBigEndian(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, L3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], L2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], L1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], L0);
    }

    /// <summary>Bit i (0 = least significant).</summary>
    public int Bit(int i) => (int)((Limb(i >> 6) >> (i & 63)) & 1);

    public ulong Limb(int index) => index switch
    {
        0 => L0,
        1 => L1,
        2 => L2,
        _ => L3,
    };

    /// <summary>Whether this is below <paramref name="bound"/>, without a data-dependent branch.</summary>
    public bool IsLessThan(in U256 bound)
    {
        Sub(this, bound, out ulong borrow);
        return borrow != 0;
    }

    /// <summary>mask ? a : b, for a mask of all ones or all zeros.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Select(ulong mask, in U256 a, in U256 b) => new(
        (a.L0 & mask) | (b.L0 & ~mask),
        (a.L1 & mask) | (b.L1 & ~mask),
        (a.L2 & mask) | (b.L2 & ~mask),
        (a.L3 & mask) | (b.L3 & ~mask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Add(in U256 a, in U256 b, out ulong carry)
    {
        carry = 0;
        ulong r0 = AddWithCarry(a.L0, b.L0, ref carry);
        ulong r1 = AddWithCarry(a.L1, b.L1, ref carry);
        ulong r2 = AddWithCarry(a.L2, b.L2, ref carry);
        ulong r3 = AddWithCarry(a.L3, b.L3, ref carry);
        return new(r0, r1, r2, r3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Sub(in U256 a, in U256 b, out ulong borrow)
    {
        borrow = 0;
        ulong r0 = SubWithBorrow(a.L0, b.L0, ref borrow);
        ulong r1 = SubWithBorrow(a.L1, b.L1, ref borrow);
        ulong r2 = SubWithBorrow(a.L2, b.L2, ref borrow);
        ulong r3 = SubWithBorrow(a.L3, b.L3, ref borrow);
        return new(r0, r1, r2, r3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddWithCarry(ulong a, ulong b, ref ulong carry)
    {
        ulong sum = a + b;
        ulong carryOut = sum < a ? 1UL : 0UL;
        ulong result = sum + carry;
        carry = carryOut + (result < sum ? 1UL : 0UL);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubWithBorrow(ulong a, ulong b, ref ulong borrow)
    {
        ulong difference = a - b;
        ulong borrowOut = a < b ? 1UL : 0UL;
        ulong result = difference - borrow;
        borrow = borrowOut + (difference < borrow ? 1UL : 0UL);
        return result;
    }

    public bool Equals(U256 other) => ((L0 ^ other.L0) | (L1 ^ other.L1) | (L2 ^ other.L2) | (L3 ^ other.L3)) == 0;

    public override bool Equals(object? obj) => obj is U256 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);

    public static bool operator ==(U256 left, U256 right) => left.Equals(right);

    public static bool operator !=(U256 left, U256 right) => !left.Equals(right);

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[32];
        WriteBigEndian(bytes);
        return Convert.ToHexString(bytes);
    }
}
