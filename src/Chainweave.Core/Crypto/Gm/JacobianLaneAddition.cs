using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Lane-wise addition of two <see cref="JacobianLanes"/> and moving points between lanes, for folding eight lane
/// sums into one. Branch-free: callers select around the exceptional cases with the masks it hands back.
/// Callers must run only where <see cref="Avx512F.IsSupported"/>.
/// </summary>
internal static class JacobianLaneAddition
{
    /// <summary>
    /// add-2007-bl, p + q per lane (11M + 5S, with Z3 = 2·Z1·Z2·H): exact unless a lane has p or q at infinity or
    /// p = ±q. <paramref name="h"/> ≡ 0 flags p = ±q (and then <paramref name="r"/> ≡ 0 flags p = q), where Z3 ≡ 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static JacobianLanes AddUnchecked(in JacobianLanes p, in JacobianLanes q, out FieldLanes h, out FieldLanes r)
    {
        var z1z1 = FieldLanes.Square(p.Z);
        var z2z2 = FieldLanes.Square(q.Z);
        var u1 = p.X * z2z2;
        var u2 = q.X * z1z1;
        var s1 = p.Y * (q.Z * z2z2);
        var s2 = q.Y * (p.Z * z1z1);
        h = u2 - u1;
        var i = FieldLanes.MultiplySmall(FieldLanes.Square(h), 4);
        var j = h * i;
        r = FieldLanes.TwiceDifference(s2, s1);
        var v = u1 * i;
        var x3 = FieldLanes.SubtractAndSubtractTwice(FieldLanes.Square(r), j, v);
        var y3 = FieldLanes.SubtractTwice(r * (v - x3), s1 * j);
        var z3 = FieldLanes.MultiplySmall(p.Z * q.Z * h, 2);
        return new JacobianLanes(x3, y3, z3);
    }

    /// <summary>Lane i of the result is lane control[i] of <paramref name="points"/> (vpermq on every limb).</summary>
    public static JacobianLanes Permute(in JacobianLanes points, Vector512<ulong> control) =>
        new(Permute(points.X, control), Permute(points.Y, control), Permute(points.Z, control));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldLanes Permute(in FieldLanes a, Vector512<ulong> control) => new(
        Avx512F.PermuteVar8x64(a.L0, control), Avx512F.PermuteVar8x64(a.L1, control), Avx512F.PermuteVar8x64(a.L2, control),
        Avx512F.PermuteVar8x64(a.L3, control), Avx512F.PermuteVar8x64(a.L4, control), Avx512F.PermuteVar8x64(a.L5, control),
        Avx512F.PermuteVar8x64(a.L6, control), Avx512F.PermuteVar8x64(a.L7, control), Avx512F.PermuteVar8x64(a.L8, control));
}
