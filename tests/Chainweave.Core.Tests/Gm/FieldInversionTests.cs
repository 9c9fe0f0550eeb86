using System.Numerics;
using Chainweave.Core.Crypto.Gm;
using CsCheck;
using static Chainweave.Core.Tests.Gm.GmReference;

namespace Chainweave.Core.Tests.Gm;

/// <summary>The constant-time safegcd inversion on plain integers, against BigInteger's Fermat inverse.</summary>
public class FieldInversionTests
{
    [Fact]
    public void Random_values_invert_as_BigInteger_does()
    {
        Below(P).Sample(
            a => Assert.Equal(Reference(a), ToBig(FieldInversion.Invert(ToU256(a)))),
            iter: 3000);
    }

    [Fact]
    public void Structured_values_invert_as_BigInteger_does()
    {
        // Powers of two, all-ones runs and their distances from p walk the divsteps through long runs of even
        // and odd values, the inputs that need the most steps.
        var values = new List<BigInteger>();
        for (int k = 0; k < 256; k++)
        {
            var power = BigInteger.One << k;
            values.AddRange([power, power - 1, P - power, (P - power) >> 1, power + 1]);
        }

        for (int small = 1; small <= 200; small++)
        {
            values.Add(small);
            values.Add(P - small);
        }

        foreach (var a in values)
        {
            var reduced = ((a % P) + P) % P;
            Assert.Equal(Reference(reduced), ToBig(FieldInversion.Invert(ToU256(reduced))));
        }
    }

    [Fact]
    public void Zero_maps_to_zero()
    {
        Assert.True(FieldInversion.Invert(U256.Zero).IsZero);
        Assert.True(FieldElement.Zero.Invert().IsZero);
    }

    [Fact]
    public void Field_element_inverse_times_the_element_is_one()
    {
        Below(P).Sample(
            a =>
            {
                var x = FieldElement.FromInteger(ToU256(a));
                Assert.Equal(a.IsZero ? FieldElement.Zero : FieldElement.One, x * x.Invert());
            },
            iter: 1000);
    }

    private static BigInteger Reference(BigInteger a) => a.IsZero ? BigInteger.Zero : BigInteger.ModPow(a, P - 2, P);
}
