using System.Globalization;
using System.Numerics;
using Chainweave.Core.Crypto.Gm;
using CsCheck;

namespace Chainweave.Core.Tests.Gm;

/// <summary>System.Numerics.BigInteger as the reference for the 256-bit arithmetic, and generators of values.</summary>
internal static class GmReference
{
    public static readonly BigInteger P = Parse("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF");
    public static readonly BigInteger N = Parse("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123");

    public static BigInteger Parse(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static BigInteger ToBig(U256 value)
    {
        Span<byte> bytes = stackalloc byte[32];
        value.WriteBigEndian(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    public static U256 ToU256(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes.AsSpan(32 - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return U256.FromBigEndian(bytes);
    }

    /// <summary>Uniform values below the modulus, mixed with the edge values 0, 1, 2, m - 2 and m - 1.</summary>
    public static Gen<BigInteger> Below(BigInteger modulus) =>
        Gen.Frequency(
            (8, Gen.Byte.Array[32].Select(bytes => new BigInteger(bytes, isUnsigned: true) % modulus)),
            (1, Gen.OneOf(new[] { BigInteger.Zero, BigInteger.One, new BigInteger(2), modulus - 2, modulus - 1 })));
}
