using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// The end of eight SM2 verifications in lanes: (x1, y1) = s·G + t·P by the Jacobian addition add-2007-bl (only
/// X3 and Z3, as the check needs no y1), then x1 mod n == r - e checked as in
/// <see cref="Sm2PublicKey.AffineXMatches"/>, without an inversion: X3 == c·Z3^2 for c = r - e or, when below p,
/// c = r - e + n. A lane where the two products share their x (h ≡ 0: a doubling, or a sum at infinity) or where
/// either product is at infinity is left undecided for the scalar code.
/// </summary>
internal static class LaneSignatureCheck
{
    /// <summary>
    /// Per lane, all ones when the sum's affine x matches <paramref name="candidate"/> or (where
    /// <paramref name="wrappedAllowed"/>) <paramref name="wrappedCandidate"/>; <paramref name="undecided"/> flags the
    /// lanes whose answer must come from elsewhere.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Vector512<ulong> SumMatches(
        in JacobianLanes first, in JacobianLanes second, in FieldLanes candidate, in FieldLanes wrappedCandidate,
        Vector512<ulong> wrappedAllowed, out Vector512<ulong> undecided)
    {
        var z1z1 = FieldLanes.Square(first.Z);
        var z2z2 = FieldLanes.Square(second.Z);
        var u1 = first.X * z2z2;
        var u2 = second.X * z1z1;
        var s1 = first.Y * (second.Z * z2z2);
        var s2 = second.Y * (first.Z * z1z1);
        var h = u2 - u1;
        var r = FieldLanes.TwiceDifference(s2, s1);
        var i = FieldLanes.Square(FieldLanes.MultiplySmall(h, 2));
        var j = h * i;
        var v = u1 * i;
        var x3 = FieldLanes.SubtractAndSubtractTwice(FieldLanes.Square(r), j, v);
        var z3 = FieldLanes.MultiplyBySum(first.Z * second.Z, h, h);

        // With both products finite and h ≢ 0, Z3 = 2·Z1·Z2·h ≢ 0: the sum is finite and the check below is exact.
        undecided = h.ZeroMask | first.Z.ZeroMask | second.Z.ZeroMask;
        var z3Squared = FieldLanes.Square(z3);
        var matches = (x3 - (candidate * z3Squared)).ZeroMask
            | ((x3 - (wrappedCandidate * z3Squared)).ZeroMask & wrappedAllowed);
        return matches & ~undecided;
    }
}
