using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Chainweave.Core.Crypto.Gm;
using CsCheck;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;
using static Chainweave.Core.Tests.Gm.GmReference;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Chainweave.Core.Tests.Gm;

/// <summary>
/// The eight-lane constant-time k·G against the scalar one and BouncyCastle, for random k, edge k, and k built
/// from digit patterns that drive lane sums to infinity or the final fold to its doubling case.
/// </summary>
public class LaneBaseMultiplicationTests
{
    private const int Windows = BasePointTables.Windows;
    private const int Lanes = 8;

    private static readonly ECPoint BcG = CustomNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1).G;

    public static TheoryData<string> EdgeScalars => new()
    {
        "0",
        "1",
        "2",
        "40",
        "41",
        ToHex(N - 1),
        ToHex(N - 2),
        ToHex(BigInteger.One << 255),
        ToHex((BigInteger.One << 252) - 1),
        ToHex(FromDigits(_ => 64, 14)),
        ToHex(FromDigits(_ => -63, 1)),
        ToHex(FromDigits(w => w % 2 == 0 ? 64 : -63, 15)),
        ToHex(FromDigits(_ => 0, 15)),
        ToHex(FromDigits(w => w == 35 ? 1 : 0, 0)),
        ToHex(FromDigits(w => w % Lanes == 3 ? -63 : 0, 0) + (BigInteger.One << 252)),
        ToHex(FromDigits(w => w % Lanes == 4 ? 64 : 0, 15)),
        ToHex(FromDigits(w => w % 4 == 1 ? 64 : 0, 0)),
        ToHex(FromDigits(w => w % 2 == 0 ? 0 : -5, 0) + (BigInteger.One << 252)),
    };

    [Theory]
    [MemberData(nameof(EdgeScalars))]
    public void Lane_base_multiplication_handles_edge_scalars(string kHex) => AssertAllAgree(Parse(kHex));

    [Fact]
    public void Lane_base_multiplication_matches_scalar_and_BouncyCastle_for_random_scalars()
    {
        Below(N).Sample(AssertAllAgree, iter: 150);
    }

    [Fact]
    public void Lane_base_multiplication_handles_lanes_whose_windows_are_all_zero()
    {
        // Digits in [-63, 64] (what the recoding yields) with the windows of a random set of lanes zeroed: those
        // lane sums stay at infinity, and so may the folded sums of the first two folds.
        var digitGen = Gen.Int[-63, 64].Array[Windows - 1];
        Gen.Select(digitGen, Gen.Int[0, 15], Gen.Int[0, 255]).Sample(
            (digits, top, zeroLanes) =>
            {
                var k = FromDigits(w => ((zeroLanes >> (w % Lanes)) & 1) != 0 ? 0 : digits[w], ((zeroLanes >> ((Windows - 1) % Lanes)) & 1) != 0 ? 0 : top);
                if (k.Sign < 0 || k >= N)
                {
                    return;
                }

                AssertAllAgree(k);
            },
            iter: 200);
    }

    [Fact]
    public void Recoding_yields_the_digit_patterns_the_edge_cases_intend()
    {
        var digits = new int[Windows];
        var k = FromDigits(w => w % 2 == 0 ? 64 : -63, 15);
        SignedWindowRecoding.Recode(ToU256(k), BasePointTables.WindowBits, digits);
        Assert.Equal(Enumerable.Range(0, Windows - 1).Select(w => w % 2 == 0 ? 64 : -63).Append(15), digits);
    }

    [Fact]
    public void Gather_returns_each_lanes_window_entry_or_zero()
    {
        if (!Avx512F.IsSupported)
        {
            return;
        }

        var table = BasePointTables.Instance.SignedWindow;
        Gen.Select(Gen.Int[0, BaseLaneTable.Rounds - 1], Gen.Int[0, 64].Array[Lanes]).Sample(
            (round, magnitudes) =>
            {
                var words = magnitudes.Concat(magnitudes).Select(m => (uint)m).ToArray();
                BaseLaneTable.Instance.Gather(round, Vector512.Create(words), out var x, out var y);
                for (int lane = 0; lane < Lanes; lane++)
                {
                    int window = (round * Lanes) + lane;
                    if (magnitudes[lane] == 0 || window >= Windows)
                    {
                        Assert.True(x.GetElement(lane).IsZero && y.GetElement(lane).IsZero);
                        continue;
                    }

                    var expected = table[(window * BasePointTables.EntriesPerWindow) + magnitudes[lane] - 1];
                    Assert.Equal(expected.X, LaneElementExtraction.FirstLane(Rotate(x, lane)));
                    Assert.Equal(expected.Y, y.GetElement(lane));
                }
            },
            iter: 100);
    }

    [Fact]
    public void First_lane_extraction_reduces_every_allowed_representation()
    {
        // Lane values are x·2^261 mod p held as any value below 2^257: x, x + p or x + 2p.
        var inverseOfR = BigInteger.ModPow(BigInteger.One << 261, P - 2, P);
        var edges = new[] { BigInteger.Zero, BigInteger.One, P - 1, P, P + 1, (2 * P) - 1, 2 * P, (2 * P) + 1, (BigInteger.One << 257) - 1, BigInteger.One << 256 };
        Gen.Frequency(
            (4, Gen.Byte.Array[33].Select(bytes => new BigInteger(bytes, isUnsigned: true) % (BigInteger.One << 257))),
            (1, Gen.OneOf(edges.Select(Gen.Const).ToArray()))).Sample(
            value =>
            {
                var limbs = Enumerable.Range(0, 9).Select(i => Vector512.Create((ulong)((value >> (29 * i)) & ((BigInteger.One << 29) - 1)))).ToArray();
                var lanes = new FieldLanes(limbs[0], limbs[1], limbs[2], limbs[3], limbs[4], limbs[5], limbs[6], limbs[7], limbs[8]);
                var expected = FieldElement.FromInteger(ToU256(value * inverseOfR % P));
                Assert.Equal(expected, LaneElementExtraction.FirstLane(lanes));
            },
            iter: 300);
    }

    [Fact]
    public void Final_fold_doubling_case_is_selected()
    {
        // n's digits with the odd windows negated give a k (above n, below 2^256) whose even-window sum minus its
        // odd-window sum is n: the two halves of the last fold are the same point, so it must double. (For k < n
        // this cannot happen, as n has only this one digit representation; the lanes still handle it.)
        var nDigits = new int[Windows];
        SignedWindowRecoding.Recode(ToU256(N), BasePointTables.WindowBits, nDigits);
        var k = FromDigits(w => w % 2 == 0 ? nDigits[w] : -nDigits[w], nDigits[Windows - 1]);
        Assert.True(k > N && k < BigInteger.One << 256);
        var kDigits = new int[Windows];
        SignedWindowRecoding.Recode(ToU256(k), BasePointTables.WindowBits, kDigits);
        Assert.Equal(Enumerable.Range(0, Windows).Select(w => w % 2 == 0 ? nDigits[w] : -nDigits[w]), kDigits);
        if (Avx512F.IsSupported)
        {
            AssertSamePoint(BcG.Multiply(ToBc(k % N)), LaneBaseMultiplication.MultiplyBase(ToU256(k)).ToAffine());
        }
    }

    [Fact]
    public void Dispatching_base_multiplication_equals_the_scalar_one()
    {
        Below(N).Where(k => !k.IsZero).Sample(
            k =>
            {
                var expected = PointMultiplication.MultiplyBaseScalar(ToU256(k)).ToAffine();
                var actual = PointMultiplication.MultiplyBase(ToU256(k)).ToAffine();
                Assert.Equal(expected.X, actual.X);
                Assert.Equal(expected.Y, actual.Y);
            },
            iter: 50);
    }

    /// <summary>Lane k·G (where AVX-512 runs) == scalar k·G == BouncyCastle's k·G; k = 0 gives the canonical infinity.</summary>
    private static void AssertAllAgree(BigInteger k)
    {
        var scalar = PointMultiplication.MultiplyBaseScalar(ToU256(k));
        var lanes = Avx512F.IsSupported ? LaneBaseMultiplication.MultiplyBase(ToU256(k)) : scalar;
        if (k.IsZero)
        {
            Assert.True(scalar.IsInfinity);
            Assert.True(lanes.IsInfinity);
            Assert.Equal(JacobianPoint.Infinity.X, lanes.X);
            Assert.Equal(JacobianPoint.Infinity.Y, lanes.Y);
            return;
        }

        Assert.False(lanes.IsInfinity);
        var expected = BcG.Multiply(ToBc(k));
        AssertSamePoint(expected, scalar.ToAffine());
        AssertSamePoint(expected, lanes.ToAffine());
    }

    /// <summary>Σ digit(w)·2^(7w) over the windows below 36, plus top·2^252.</summary>
    private static BigInteger FromDigits(Func<int, int> digit, int top)
    {
        var k = new BigInteger(top) << (7 * (Windows - 1));
        for (int w = 0; w < Windows - 1; w++)
        {
            k += new BigInteger(digit(w)) << (7 * w);
        }

        return k;
    }

    /// <summary>The lanes moved down by <paramref name="lane"/>, so that lane becomes lane 0.</summary>
    private static FieldLanes Rotate(in FieldLanes a, int lane)
    {
        var control = Vector512.Create(Enumerable.Range(0, Lanes).Select(i => (ulong)((i + lane) % Lanes)).ToArray());
        return new FieldLanes(
            Avx512F.PermuteVar8x64(a.L0, control), Avx512F.PermuteVar8x64(a.L1, control), Avx512F.PermuteVar8x64(a.L2, control),
            Avx512F.PermuteVar8x64(a.L3, control), Avx512F.PermuteVar8x64(a.L4, control), Avx512F.PermuteVar8x64(a.L5, control),
            Avx512F.PermuteVar8x64(a.L6, control), Avx512F.PermuteVar8x64(a.L7, control), Avx512F.PermuteVar8x64(a.L8, control));
    }

    private static string ToHex(BigInteger value) => value.ToString("X", null);

    private static BcBigInteger ToBc(BigInteger value) => new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));

    private static void AssertSamePoint(ECPoint expected, AffinePoint actual)
    {
        var normal = expected.Normalize();
        Assert.Equal(normal.AffineXCoord.ToBigInteger().ToString(16), ToBig(actual.X.ToInteger()).ToString("x", null).TrimStart('0'));
        Assert.Equal(normal.AffineYCoord.ToBigInteger().ToString(16), ToBig(actual.Y.ToInteger()).ToString("x", null).TrimStart('0'));
    }
}
