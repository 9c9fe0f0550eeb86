using System.Runtime.Intrinsics;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Between <see cref="FieldElement"/> (Montgomery limbs x·2^256 mod p) and the lane form (x·2^261 mod p in 29-bit
/// limbs): the lane value is exactly the Montgomery limbs of the field element 32·x, split into 29-bit pieces.
/// These run per lane outside the hot loops (table building, and once per lane and product at the end).
/// </summary>
internal readonly partial struct FieldLanes
{
    /// <summary>1/32 mod p, to undo the factor 32 on the way back.</summary>
    private static readonly FieldElement InverseOf32 = FieldElement.FromInteger(new U256(32, 0, 0, 0)).Invert();

    /// <summary>The nine 29-bit limbs of x's lane form.</summary>
    public static void WriteLimbs(in FieldElement x, Span<ulong> limbs)
    {
        var value = x.Double().Double().Double().Double().Double().Montgomery;
        for (int i = 0; i < LimbCount; i++)
        {
            int start = i * LimbBits;
            int word = start >> 6;
            int shift = start & 63;
            ulong piece = value.Limb(word) >> shift;
            if (shift + LimbBits > 64 && word < 3)
            {
                piece |= value.Limb(word + 1) << (64 - shift);
            }

            limbs[i] = piece & LimbMask;
        }
    }

    /// <summary>The field element of canonical lane limbs (each below 2^29, the value below 2^257).</summary>
    public static FieldElement ReadLimbs(ReadOnlySpan<ulong> limbs)
    {
        Span<ulong> words = stackalloc ulong[5];
        words.Clear();
        for (int i = 0; i < LimbCount; i++)
        {
            int start = i * LimbBits;
            int word = start >> 6;
            int shift = start & 63;
            words[word] |= limbs[i] << shift;
            if (shift + LimbBits > 64)
            {
                words[word + 1] |= limbs[i] >> (64 - shift);
            }
        }

        // Below 2^257 < 3p: at most two subtractions of p make it canonical for FieldElement.
        var value = new U256(words[0], words[1], words[2], words[3]);
        ulong top = words[4];
        while (top != 0 || !value.IsLessThan(FieldElement.Field.Modulus))
        {
            value = U256.Sub(value, FieldElement.Field.Modulus, out ulong borrow);
            top -= borrow;
        }

        return new FieldElement(value) * InverseOf32;
    }

    /// <summary>Eight elements, lane i holding elements[i].</summary>
    public static FieldLanes FromElements(ReadOnlySpan<FieldElement> elements)
    {
        Span<ulong> laneMajor = stackalloc ulong[Lanes * LimbCount];
        for (int lane = 0; lane < Lanes; lane++)
        {
            WriteLimbs(elements[lane], laneMajor.Slice(lane * LimbCount, LimbCount));
        }

        return FromLaneMajor(laneMajor);
    }

    /// <summary>The same element in every lane.</summary>
    public static FieldLanes Broadcast(in FieldElement element)
    {
        Span<ulong> limbs = stackalloc ulong[LimbCount];
        WriteLimbs(element, limbs);
        return new FieldLanes(
            Vector512.Create(limbs[0]), Vector512.Create(limbs[1]), Vector512.Create(limbs[2]),
            Vector512.Create(limbs[3]), Vector512.Create(limbs[4]), Vector512.Create(limbs[5]),
            Vector512.Create(limbs[6]), Vector512.Create(limbs[7]), Vector512.Create(limbs[8]));
    }

    /// <summary>Lane <paramref name="lane"/> as a field element.</summary>
    public FieldElement GetElement(int lane)
    {
        Span<ulong> limbs = stackalloc ulong[LimbCount];
        limbs[0] = L0.GetElement(lane);
        limbs[1] = L1.GetElement(lane);
        limbs[2] = L2.GetElement(lane);
        limbs[3] = L3.GetElement(lane);
        limbs[4] = L4.GetElement(lane);
        limbs[5] = L5.GetElement(lane);
        limbs[6] = L6.GetElement(lane);
        limbs[7] = L7.GetElement(lane);
        limbs[8] = L8.GetElement(lane);
        return ReadLimbs(limbs);
    }

    /// <summary>From eight runs of nine limbs (lane 0's limbs first).</summary>
    private static FieldLanes FromLaneMajor(ReadOnlySpan<ulong> limbs) => new(
        Column(limbs, 0), Column(limbs, 1), Column(limbs, 2), Column(limbs, 3), Column(limbs, 4),
        Column(limbs, 5), Column(limbs, 6), Column(limbs, 7), Column(limbs, 8));

    private static Vector512<ulong> Column(ReadOnlySpan<ulong> limbs, int k) => Vector512.Create(
        limbs[k], limbs[LimbCount + k], limbs[(2 * LimbCount) + k], limbs[(3 * LimbCount) + k],
        limbs[(4 * LimbCount) + k], limbs[(5 * LimbCount) + k], limbs[(6 * LimbCount) + k], limbs[(7 * LimbCount) + k]);
}
