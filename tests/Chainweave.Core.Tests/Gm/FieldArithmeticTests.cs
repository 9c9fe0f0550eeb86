using System.Numerics;
using Chainweave.Core.Crypto.Gm;
using CsCheck;
using static Chainweave.Core.Tests.Gm.GmReference;

namespace Chainweave.Core.Tests.Gm;

public class FieldArithmeticTests
{
    private static readonly Gen<(BigInteger, BigInteger)> FieldPairs = Gen.Select(Below(P), Below(P));
    private static readonly Gen<(BigInteger, BigInteger)> ScalarPairs = Gen.Select(Below(N), Below(N));

    [Fact]
    public void Field_operations_match_BigInteger_modulo_p()
    {
        FieldPairs.Sample(
            (a, b) =>
            {
                var x = FieldElement.FromInteger(ToU256(a));
                var y = FieldElement.FromInteger(ToU256(b));
                Assert.Equal(a, ToBig(x.ToInteger()));
                Assert.Equal((a + b) % P, ToBig((x + y).ToInteger()));
                Assert.Equal(Mod(a - b, P), ToBig((x - y).ToInteger()));
                Assert.Equal(Mod(-a, P), ToBig((-x).ToInteger()));
                Assert.Equal(a * b % P, ToBig((x * y).ToInteger()));
                Assert.Equal(a * a % P, ToBig(x.Square().ToInteger()));
                Assert.Equal(BigInteger.ModPow(a, P - 2, P), ToBig(x.Invert().ToInteger()));
            },
            iter: 300);
    }

    [Fact]
    public void Dedicated_squaring_equals_multiplying_by_itself()
    {
        Below(P).Sample(
            a =>
            {
                var x = FieldElement.FromInteger(ToU256(a));
                Assert.Equal(x * x, x.Square());
            },
            iter: 1000);
    }

    [Fact]
    public void Scalar_operations_match_BigInteger_modulo_n()
    {
        ScalarPairs.Sample(
            (a, b) =>
            {
                var x = Scalar.FromInteger(ToU256(a));
                var y = Scalar.FromInteger(ToU256(b));
                Assert.Equal(a, ToBig(x.ToInteger()));
                Assert.Equal((a + b) % N, ToBig((x + y).ToInteger()));
                Assert.Equal(Mod(a - b, N), ToBig((x - y).ToInteger()));
                Assert.Equal(a * b % N, ToBig((x * y).ToInteger()));
                Assert.Equal(BigInteger.ModPow(a, N - 2, N), ToBig(x.Invert().ToInteger()));
            },
            iter: 300);
    }

    [Fact]
    public void Values_below_twice_the_order_reduce_modulo_n()
    {
        Gen.Byte.Array[32].Sample(
            bytes =>
            {
                var value = U256.FromBigEndian(bytes);
                Assert.Equal(ToBig(value) % N, ToBig(Scalar.FromBelowTwiceOrder(value).ToInteger()));
            },
            iter: 200);
    }

    [Fact]
    public void Inverse_times_value_is_one_at_the_edges()
    {
        foreach (var a in new[] { BigInteger.One, new BigInteger(2), P - 1, P - 2 })
        {
            var x = FieldElement.FromInteger(ToU256(a));
            Assert.Equal(FieldElement.One, x * x.Invert());
        }

        Assert.True(FieldElement.Zero.Invert().IsZero);
    }

    [Fact]
    public void Inverse_and_square_root_match_BigInteger()
    {
        Below(P).Sample(
            a =>
            {
                var x = FieldElement.FromInteger(ToU256(a));
                Assert.Equal(a.IsZero ? 0 : BigInteger.ModPow(a, P - 2, P), ToBig(x.Invert().ToInteger()));
                bool isSquare = a.IsZero || BigInteger.ModPow(a, (P - 1) / 2, P).IsOne;
                Assert.Equal(isSquare, x.TrySquareRoot(out var root));
                if (isSquare)
                {
                    Assert.Equal(a, ToBig(root.Square().ToInteger()));
                }
            },
            iter: 100);
    }

    [Fact]
    public void Reading_rejects_values_not_below_p()
    {
        var bytes = new byte[32];
        ToU256(P).WriteBigEndian(bytes);
        Assert.False(FieldElement.TryRead(bytes, out _));
        ToU256(P - 1).WriteBigEndian(bytes);
        Assert.True(FieldElement.TryRead(bytes, out var element));
        Assert.Equal(P - 1, ToBig(element.ToInteger()));
    }

    [Fact]
    public void Zero_mask_is_all_ones_only_for_zero()
    {
        Assert.Equal(ulong.MaxValue, FieldElement.Zero.ZeroMask);
        Assert.Equal(0UL, FieldElement.One.ZeroMask);
        Assert.Equal(0UL, new U256(0, 0, 0, 1UL << 63).ZeroMask);
    }

    private static BigInteger Mod(BigInteger value, BigInteger modulus) => ((value % modulus) + modulus) % modulus;
}
