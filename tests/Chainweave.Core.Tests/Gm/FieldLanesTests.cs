using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Chainweave.Core.Crypto.Gm;
using CsCheck;
using static Chainweave.Core.Tests.Gm.GmReference;

namespace Chainweave.Core.Tests.Gm;

/// <summary>
/// The eight-lane AVX-512 field arithmetic against <see cref="FieldElement"/>, on random values and on edge
/// representations (0, p and 2p for zero, values up to the invariant's bound 2^257 - 1, limbs all ones). The
/// arithmetic needs AVX-512F; on other machines these tests only check that nothing runs.
/// </summary>
public class FieldLanesTests
{
    private const int Lanes = 8;
    private static readonly BigInteger LimbMask = (BigInteger.One << 29) - 1;

    /// <summary>Representations allowed by the invariant: any value below 2^257 in canonical 29-bit limbs.</summary>
    private static readonly BigInteger[] EdgeRepresentations =
    [
        BigInteger.Zero, BigInteger.One, new BigInteger(2), P - 2, P - 1, P, P + 1, (2 * P) - 1, 2 * P, (2 * P) + 1,
        (BigInteger.One << 256) - 1, BigInteger.One << 256, (BigInteger.One << 257) - 1, (BigInteger.One << 232) - 1,
        (BigInteger.One << 29) - 1, BigInteger.One << 255,
    ];

    private static readonly Gen<BigInteger> Representations = Gen.Frequency(
        (6, Gen.Byte.Array[33].Select(bytes => new BigInteger(bytes, isUnsigned: true) % (BigInteger.One << 257))),
        (3, Below(P)),
        (2, Gen.OneOf(EdgeRepresentations.Select(Gen.Const).ToArray())));

    [Fact]
    public void Lane_form_round_trips_field_elements()
    {
        Below(P).Array[Lanes].Sample(values =>
        {
            var elements = values.Select(v => FieldElement.FromInteger(ToU256(v))).ToArray();
            var lanes = FieldLanes.FromElements(elements);
            for (int lane = 0; lane < Lanes; lane++)
            {
                Assert.Equal(elements[lane], lanes.GetElement(lane));
            }
        }, iter: 100);
    }

    [Fact]
    public void Lane_operations_match_FieldElement_on_random_and_edge_representations()
    {
        if (!Avx512F.IsSupported)
        {
            return;
        }

        Gen.Select(Representations.Array[Lanes], Representations.Array[Lanes], Representations.Array[Lanes]).Sample((left, right, third) =>
        {
            var a = FromRepresentations(left);
            var b = FromRepresentations(right);
            var c = FromRepresentations(third);
            var x = left.Select(ElementOf).ToArray();
            var y = right.Select(ElementOf).ToArray();
            var z = third.Select(ElementOf).ToArray();
            AssertLanes(FieldLanes.Multiply(a, b), lane => x[lane] * y[lane]);
            AssertLanes(FieldLanes.Square(a), lane => x[lane].Square());
            AssertLanes(FieldLanes.Add(a, b), lane => x[lane] + y[lane]);
            AssertLanes(FieldLanes.Subtract(a, b), lane => x[lane] - y[lane]);
            AssertLanes(FieldLanes.MultiplySmall(a, 8), lane => x[lane].Double().Double().Double());
            AssertLanes(FieldLanes.MultiplySmall(a, 3), lane => x[lane].Double() + x[lane]);
            AssertLanes(FieldLanes.TwiceDifference(a, b), lane => (x[lane] - y[lane]).Double());
            AssertLanes(FieldLanes.MultiplyBySum(a, b, c), lane => x[lane] * (y[lane] + z[lane]));
            AssertLanes(FieldLanes.SubtractTwice(a, b), lane => x[lane] - y[lane].Double());
            AssertLanes(FieldLanes.SubtractAndSubtractTwice(a, b, c), lane => x[lane] - y[lane] - z[lane].Double());
            var zero = a.ZeroMask;
            for (int lane = 0; lane < Lanes; lane++)
            {
                Assert.Equal(left[lane] % P == 0 ? ulong.MaxValue : 0UL, zero.GetElement(lane));
            }
        }, iter: 2000);
    }

    [Fact]
    public void Chained_operations_keep_the_invariant()
    {
        if (!Avx512F.IsSupported)
        {
            return;
        }

        // Long chains of subtractions and small multiples would overflow if a result escaped the invariant.
        Below(P).Array[Lanes].Sample(values =>
        {
            var elements = values.Select(v => FieldElement.FromInteger(ToU256(v))).ToArray();
            var lanes = FieldLanes.FromElements(elements);
            var expected = elements.ToArray();
            for (int round = 0; round < 50; round++)
            {
                lanes = FieldLanes.Subtract(FieldLanes.MultiplySmall(FieldLanes.Square(lanes), 8), lanes);
                for (int lane = 0; lane < Lanes; lane++)
                {
                    expected[lane] = expected[lane].Square().Double().Double().Double() - expected[lane];
                }

                AssertCanonicalLimbs(lanes);
            }

            AssertLanes(lanes, lane => expected[lane]);
        }, iter: 50);
    }

    [Fact]
    public void Zero_mask_flags_exactly_the_three_representations_of_zero()
    {
        if (!Avx512F.IsSupported)
        {
            return;
        }

        var lanes = FromRepresentations([BigInteger.Zero, P, 2 * P, BigInteger.One, P - 1, P + 1, (2 * P) + 1, (BigInteger.One << 257) - 1]);
        var mask = lanes.ZeroMask;
        Assert.Equal([ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, 0UL, 0UL, 0UL, 0UL, 0UL], Enumerable.Range(0, Lanes).Select(lane => mask.GetElement(lane)));
    }

    /// <summary>The field element a lane representation r stands for: r·2^-261 mod p.</summary>
    private static FieldElement ElementOf(BigInteger representation)
    {
        var value = representation * BigInteger.ModPow(BigInteger.ModPow(2, 261, P), P - 2, P) % P;
        return FieldElement.FromInteger(ToU256(value));
    }

    private static FieldLanes FromRepresentations(BigInteger[] values)
    {
        var limbs = new Vector512<ulong>[9];
        for (int k = 0; k < 9; k++)
        {
            var column = new ulong[Lanes];
            for (int lane = 0; lane < Lanes; lane++)
            {
                column[lane] = (ulong)((values[lane] >> (29 * k)) & LimbMask);
            }

            limbs[k] = Vector512.Create(column);
        }

        return new FieldLanes(limbs[0], limbs[1], limbs[2], limbs[3], limbs[4], limbs[5], limbs[6], limbs[7], limbs[8]);
    }

    private static void AssertLanes(in FieldLanes actual, Func<int, FieldElement> expected)
    {
        AssertCanonicalLimbs(actual);
        for (int lane = 0; lane < Lanes; lane++)
        {
            Assert.Equal(expected(lane), actual.GetElement(lane));
        }
    }

    /// <summary>The invariant every result keeps: limbs below 2^29, limb 8 below 2^25 (value below 2^257).</summary>
    private static void AssertCanonicalLimbs(in FieldLanes value)
    {
        var limbs = new[] { value.L0, value.L1, value.L2, value.L3, value.L4, value.L5, value.L6, value.L7 };
        for (int lane = 0; lane < Lanes; lane++)
        {
            foreach (var limb in limbs)
            {
                Assert.True(limb.GetElement(lane) < (1UL << 29));
            }

            Assert.True(value.L8.GetElement(lane) < (1UL << 25));
        }
    }
}
