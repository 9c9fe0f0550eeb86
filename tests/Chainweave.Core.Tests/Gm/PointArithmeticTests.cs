using System.Numerics;
using Chainweave.Core.Crypto.Gm;
using CsCheck;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;
using static Chainweave.Core.Tests.Gm.GmReference;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Chainweave.Core.Tests.Gm;

public class PointArithmeticTests
{
    private static readonly ECPoint BcG = CustomNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1).G;

    private static readonly Gen<BigInteger> NonZeroScalars = Below(N).Where(k => !k.IsZero);

    [Fact]
    public void Base_point_is_BouncyCastles_and_on_the_curve()
    {
        Assert.True(Sm2Curve.G.IsOnCurve());
        AssertSamePoint(BcG, Sm2Curve.G);
        Assert.Equal(P - 3, ToBig(Sm2Curve.A.ToInteger()));
    }

    [Fact]
    public void Constant_time_base_multiplication_matches_BouncyCastle()
    {
        NonZeroScalars.Sample(
            k =>
            {
                var ours = PointMultiplication.MultiplyBase(ToU256(k)).ToAffine();
                Assert.True(ours.IsOnCurve());
                AssertSamePoint(BcG.Multiply(ToBc(k)), ours);
            },
            iter: 150);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("F")]
    [InlineData("10")]
    [InlineData("40")]
    [InlineData("41")]
    [InlineData("7F")]
    [InlineData("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D5411D")]
    [InlineData("F000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54122")]
    public void Base_multiplication_handles_edge_scalars(string kHex)
    {
        var k = Parse(kHex);
        AssertSamePoint(BcG.Multiply(ToBc(k)), PointMultiplication.MultiplyBase(ToU256(k)).ToAffine());
    }

    [Fact]
    public void Base_multiplication_of_zero_is_infinity()
    {
        Assert.True(PointMultiplication.MultiplyBase(U256.Zero).IsInfinity);
    }

    [Fact]
    public void Double_scalar_multiplication_matches_BouncyCastle()
    {
        Gen.Select(NonZeroScalars, Below(N), Below(N)).Sample(
            (d, s, t) =>
            {
                var publicKey = PointMultiplication.MultiplyBase(ToU256(d)).ToAffine();
                var table = BasePointTables.SplitOddMultiplesOf(publicKey, PointMultiplication.PublicKeyWnafWidth);
                var ours = PointMultiplication.MultiplyBaseAndAdd(ToU256(s), ToU256(t), table);
                var expected = BcG.Multiply(ToBc(s)).Add(BcG.Multiply(ToBc(d)).Multiply(ToBc(t))).Normalize();
                if (expected.IsInfinity)
                {
                    Assert.True(ours.IsInfinity);
                }
                else
                {
                    AssertSamePoint(expected, ours.ToAffine());
                }
            },
            iter: 100);
    }

    [Fact]
    public void Double_scalar_multiplication_reaches_infinity_when_the_terms_cancel()
    {
        var d = Parse("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8");
        var t = Parse("59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21");
        var s = (N - (t * d % N)) % N;
        var publicKey = PointMultiplication.MultiplyBase(ToU256(d)).ToAffine();
        var table = BasePointTables.SplitOddMultiplesOf(publicKey, PointMultiplication.PublicKeyWnafWidth);
        Assert.True(PointMultiplication.MultiplyBaseAndAdd(ToU256(s), ToU256(t), table).IsInfinity);

        // s·G + t·P where both terms are the same point exercises the doubling branch of the addition.
        var sameTerm = PointMultiplication.MultiplyBaseAndAdd(ToU256(t * d % N), ToU256(t), table).ToAffine();
        AssertSamePoint(BcG.Multiply(ToBc(2 * t * d % N)), sameTerm);
    }

    [Fact]
    public void Wnaf_digits_sum_back_to_the_scalar_and_are_odd_bounded_and_sparse()
    {
        Gen.OneOf(Below(N), Gen.Const((BigInteger.One << 256) - 1), Gen.Const(N - 1), Gen.Const(BigInteger.Zero)).Sample(
            value =>
            {
                foreach (int width in (int[])[5, 6, 10])
                {
                    var digits = new short[Wnaf.MaxDigits];
                    int length = Wnaf.Compute(ToU256(value), width, digits);
                    var sum = BigInteger.Zero;
                    int lastNonZero = int.MaxValue;
                    for (int i = digits.Length - 1; i >= 0; i--)
                    {
                        Assert.True(digits[i] == 0 || (digits[i] % 2 != 0 && Math.Abs((int)digits[i]) < 1 << (width - 1)));
                        Assert.True(i < length || digits[i] == 0);
                        if (digits[i] != 0)
                        {
                            Assert.True(lastNonZero - i >= width, $"digits at {i} and {lastNonZero} are closer than {width}");
                            lastNonZero = i;
                        }

                        sum = (sum * 2) + digits[i];
                    }

                    Assert.Equal(value, sum);
                }
            },
            iter: 300);
    }

    [Fact]
    public void Signed_window_digits_sum_back_to_the_scalar_and_are_bounded()
    {
        Below(N).Sample(
            k =>
            {
                foreach (int width in (int[])[5, 7])
                {
                    var digits = new int[(256 / width) + 1];
                    SignedWindowRecoding.Recode(ToU256(k), width, digits);
                    var sum = BigInteger.Zero;
                    for (int i = digits.Length - 1; i >= 0; i--)
                    {
                        Assert.InRange(digits[i], -(1 << (width - 1)), 1 << (width - 1));
                        sum = (sum << width) + digits[i];
                    }

                    Assert.Equal(k, sum);
                }
            },
            iter: 200);
    }

    [Fact]
    public void Constant_time_variable_base_multiplication_matches_BouncyCastle()
    {
        var point = PointMultiplication.MultiplyBase(ToU256(123456789)).ToAffine();
        var bcPoint = BcG.Multiply(ToBc(123456789));
        Below(N).Sample(
            k =>
            {
                var product = PointMultiplication.Multiply(point, ToU256(k));
                if (k.IsZero)
                {
                    Assert.True(product.IsInfinity);
                    return;
                }

                AssertSamePoint(bcPoint.Multiply(ToBc(k)), product.ToAffine());
            },
            iter: 60);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(32)]
    public void Constant_time_variable_base_multiplication_handles_scalars_next_to_n(int distance)
    {
        // n - 6 meets the doubling case in the last window (the partial sum is -3·P and the digit -3).
        var point = PointMultiplication.MultiplyBase(ToU256(987654321)).ToAffine();
        var k = N - distance;
        AssertSamePoint(BcG.Multiply(ToBc(987654321)).Multiply(ToBc(k)), PointMultiplication.Multiply(point, ToU256(k)).ToAffine());
        AssertSamePoint(BcG.Multiply(ToBc(987654321)).Multiply(ToBc(distance)), PointMultiplication.Multiply(point, ToU256(distance)).ToAffine());
    }

    [Fact]
    public void Points_off_the_curve_are_rejected()
    {
        var xy = new byte[64];
        Sm2Curve.G.Write(xy);
        Assert.True(AffinePoint.TryRead(xy, out _));
        xy[63] ^= 1;
        Assert.False(AffinePoint.TryRead(xy, out _));
        Array.Fill(xy, (byte)0xFF);
        Assert.False(AffinePoint.TryRead(xy, out _));
    }

    private static BcBigInteger ToBc(BigInteger value) => new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));

    private static void AssertSamePoint(ECPoint expected, AffinePoint actual)
    {
        var normal = expected.Normalize();
        Assert.Equal(normal.AffineXCoord.ToBigInteger().ToString(16), ToBig(actual.X.ToInteger()).ToString("x", null).TrimStart('0'));
        Assert.Equal(normal.AffineYCoord.ToBigInteger().ToString(16), ToBig(actual.Y.ToInteger()).ToString("x", null).TrimStart('0'));
    }
}
