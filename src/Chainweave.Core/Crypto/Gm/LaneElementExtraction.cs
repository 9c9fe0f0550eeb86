using System.Runtime.Intrinsics;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Lane 0 of a <see cref="FieldLanes"/> as a <see cref="FieldElement"/>, in constant time (the value may be a
/// secret, as in k·G): fixed shifts pack the 29-bit limbs, and the reduction below p is two masked
/// subtractions instead of <see cref="FieldLanes.GetElement"/>'s loop.
/// </summary>
internal static class LaneElementExtraction
{
    /// <summary>1/32 mod p: the lane form of x is the Montgomery form of 32·x.</summary>
    private static readonly FieldElement InverseOf32 = FieldElement.FromInteger(new U256(32, 0, 0, 0)).Invert();

    public static FieldElement FirstLane(in FieldLanes a)
    {
        ulong l0 = a.L0.ToScalar();
        ulong l1 = a.L1.ToScalar();
        ulong l2 = a.L2.ToScalar();
        ulong l3 = a.L3.ToScalar();
        ulong l4 = a.L4.ToScalar();
        ulong l5 = a.L5.ToScalar();
        ulong l6 = a.L6.ToScalar();
        ulong l7 = a.L7.ToScalar();
        ulong l8 = a.L8.ToScalar();

        // Limb i starts at bit 29i: 0, 29, 58 | 87, 116 | 145, 174 | 203, 232 | 256.
        var value = new U256(
            l0 | (l1 << 29) | (l2 << 58),
            (l2 >> 6) | (l3 << 23) | (l4 << 52),
            (l4 >> 12) | (l5 << 17) | (l6 << 46),
            (l6 >> 18) | (l7 << 11) | (l8 << 40));
        ulong top = l8 >> 24;

        // The value is below 2^257 < 3p, so two conditional subtractions of p make it canonical; each keeps the
        // old value by mask when the subtraction borrows past the top word.
        for (int i = 0; i < 2; i++)
        {
            var reduced = U256.Sub(value, FieldElement.Field.Modulus, out ulong borrow);
            ulong reducedTop = top - borrow;
            ulong wentNegative = 0 - (reducedTop >> 63);
            value = U256.Select(wentNegative, value, reduced);
            top = (top & wentNegative) | (reducedTop & ~wentNegative);
        }

        return new FieldElement(value) * InverseOf32;
    }
}
