using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Chainweave.Core.Crypto.Gm;
using CsCheck;
using static Chainweave.Core.Tests.Gm.GmReference;

namespace Chainweave.Core.Tests.Gm;

/// <summary>The eight-lane s·G and t·P against the scalar multiplications, and the exceptional-case detection.</summary>
public class LaneMultiplicationTests
{
    private const int Lanes = 8;

    [Fact]
    public void Lane_products_equal_scalar_products()
    {
        if (!Avx512F.IsSupported)
        {
            return;
        }

        var keys = Enumerable.Range(0, 3).Select(_ => Sm2PrivateKey.Generate()).ToArray();
        var scalars = Gen.Frequency(
            (6, Below(N)),
            (1, Gen.OneOf(new[] { BigInteger.One, new BigInteger(2), new BigInteger(3), N - 1, N - 2, N - 3, BigInteger.One << 255, (BigInteger.One << 224) + 1 }.Select(Gen.Const).ToArray())));
        Gen.Select(scalars.Array[Lanes], scalars.Array[Lanes], Gen.Int[0, keys.Length - 1].Array[Lanes]).Sample((sValues, tValues, keyIndexes) =>
        {
            var s = sValues.Select(v => v.IsZero ? BigInteger.One : v).Select(v => ToU256(v.IsEven ? N - v : v)).ToArray();
            var oddT = tValues.Select(v => v.IsZero ? BigInteger.One : v).Select(v => ToU256(v.IsEven ? N - v : v)).ToArray();
            var tables = default(AffineLaneTable.Eight);
            for (int lane = 0; lane < Lanes; lane++)
            {
                tables[lane] = keys[keyIndexes[lane]].PublicKey.LaneTable;
            }

            var failed = LaneMultiplication.MultiplyBaseAndKey(s, oddT, tables, out var baseProducts, out var keyProducts);
            Assert.Equal(Vector512<ulong>.Zero, failed);
            for (int lane = 0; lane < Lanes; lane++)
            {
                Assert.Equal(
                    PointMultiplication.MultiplyBase(s[lane]).ToAffine().X,
                    baseProducts.GetPoint(lane).ToAffine().X);
                var key = keys[keyIndexes[lane]].PublicKey;
                var expected = PointMultiplication.Multiply(key.Point, oddT[lane]).ToAffine();
                var actual = keyProducts.GetPoint(lane).ToAffine();
                Assert.Equal(expected.X, actual.X);
                Assert.Equal(expected.Y, actual.Y);
            }
        }, iter: 40);

        foreach (var key in keys)
        {
            key.Dispose();
        }
    }

    [Fact]
    public void Odd_window_digits_are_odd_and_sum_to_the_scalar()
    {
        Gen.Frequency((8, Below(N)), (1, Gen.OneOf(new[] { BigInteger.One, N - 2, (BigInteger.One << 32) + 1, (BigInteger.One << 224) + 1, (BigInteger.One << 255) + 1 }.Select(Gen.Const).ToArray()))).Where(v => !v.IsEven).Sample(value =>
        {
            var digits = new sbyte[OddWindowRecoding.Digits];
            OddWindowRecoding.Recode(ToU256(value), digits);
            var sum = BigInteger.Zero;
            for (int part = 0; part < OddWindowRecoding.Parts; part++)
            {
                var partValue = BigInteger.Zero;
                for (int j = OddWindowRecoding.DigitsPerPart - 1; j >= 0; j--)
                {
                    int digit = digits[(part * OddWindowRecoding.DigitsPerPart) + j];
                    Assert.True(digit % 2 != 0 && digit >= -31 && digit <= 31);
                    partValue = (partValue << OddWindowRecoding.WindowBits) + digit;
                }

                sum += partValue << (32 * part);
            }

            Assert.Equal(value, sum);
        }, iter: 2000);
    }

    [Fact]
    public void Odd_base_digits_are_odd_and_sum_to_the_scalar()
    {
        Gen.Frequency((8, Below(N)), (1, Gen.OneOf(new[] { BigInteger.One, N - 2, (BigInteger.One << 255) + 1, (BigInteger.One << 256) - 1 }.Select(Gen.Const).ToArray()))).Where(v => !v.IsEven).Sample(value =>
        {
            var digits = new short[OddBaseLaneTable.Windows];
            OddWindowRecoding.RecodeBase(ToU256(value), digits);
            var sum = BigInteger.Zero;
            for (int i = digits.Length - 1; i >= 0; i--)
            {
                Assert.True(digits[i] % 2 != 0 && digits[i] >= -255 && digits[i] <= 255);
                sum = (sum << OddBaseLaneTable.WindowBits) + digits[i];
            }

            Assert.Equal(value, sum);
        }, iter: 2000);
    }

    [Fact]
    public void Adding_a_point_to_itself_or_its_negation_leaves_Z_zero_which_flags_the_lane()
    {
        if (!Avx512F.IsSupported)
        {
            return;
        }

        // The mixed addition's exceptional cases (sum meets ±the added point) must end in Z ≡ 0, which both
        // formulas then keep, so the multiplication's one check at the end catches them.
        var points = Enumerable.Range(1, Lanes).Select(i => PointMultiplication.MultiplyBase(new U256((ulong)i * 7919, 0, 0, 0)).ToAffine()).ToArray();
        var x = FieldLanes.FromElements(points.Select(p => p.X).ToArray());
        var y = FieldLanes.FromElements(points.Select(p => p.Y).ToArray());
        var negatedY = FieldLanes.FromElements(points.Select(p => -p.Y).ToArray());
        var one = FieldLanes.FromElements(Enumerable.Repeat(FieldElement.One, Lanes).ToArray());
        var accumulator = new JacobianLanes(x, y, one).Double().Double();

        // Lanes hold 4Q; adding 4Q (doubling case) in even lanes and -4Q (cancellation) in odd lanes.
        var fourQ = Enumerable.Range(0, Lanes).Select(lane => accumulator.GetPoint(lane).ToAffine()).ToArray();
        var addX = FieldLanes.FromElements(fourQ.Select(p => p.X).ToArray());
        var addY = FieldLanes.FromElements(fourQ.Select((p, lane) => lane % 2 == 0 ? p.Y : -p.Y).ToArray());
        var sum = accumulator.AddMixed(addX, addY);
        Assert.Equal(Vector512<ulong>.AllBitsSet, sum.Z.ZeroMask);
        Assert.Equal(Vector512<ulong>.AllBitsSet, sum.Double().AddMixed(x, negatedY).Z.ZeroMask);

        // A lane not in an exceptional case stays finite.
        var regular = accumulator.AddMixed(x, y);
        Assert.Equal(Vector512<ulong>.Zero, regular.Z.ZeroMask);
        for (int lane = 0; lane < Lanes; lane++)
        {
            var expected = PointMultiplication.MultiplyBase(new U256((ulong)(lane + 1) * 7919 * 5, 0, 0, 0)).ToAffine();
            Assert.Equal(expected.X, regular.GetPoint(lane).ToAffine().X);
        }
    }
}
