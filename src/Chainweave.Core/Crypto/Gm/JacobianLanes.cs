using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Eight Jacobian points (X/Z^2, Y/Z^3) of the SM2 curve (a = -3), one per lane, for the batch verifier. The
/// formulas are the ones of <see cref="JacobianPoint"/> without special cases: Z ≡ 0 absorbs both (a doubling
/// keeps Z3 = 2·Y·Z ≡ 0, a mixed addition Z3 = 2·Z·H ≡ 0), so a lane that ever meets an exceptional case ends
/// with Z ≡ 0 and is recognised once at the end instead of at every step.
/// </summary>
internal readonly struct JacobianLanes(FieldLanes x, FieldLanes y, FieldLanes z)
{
    public readonly FieldLanes X = x;
    public readonly FieldLanes Y = y;
    public readonly FieldLanes Z = z;

    /// <summary>dbl-2001-b for a = -3 (4M + 4S), with Z3 = (Y + Y)·Z in place of (Y + Z)^2 - Y^2 - Z^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public JacobianLanes Double()
    {
        var delta = FieldLanes.Square(Z);
        var gamma = FieldLanes.Square(Y);
        var beta = X * gamma;
        var alpha = FieldLanes.MultiplySmall(FieldLanes.MultiplyBySum(X - delta, X, delta), 3);
        var fourBeta = FieldLanes.MultiplySmall(beta, 4);
        var x3 = FieldLanes.SubtractTwice(FieldLanes.Square(alpha), fourBeta);
        var z3 = FieldLanes.MultiplyBySum(Z, Y, Y);
        var y3 = (alpha * (fourBeta - x3)) - FieldLanes.MultiplySmall(FieldLanes.Square(gamma), 8);
        return new JacobianLanes(x3, y3, z3);
    }

    /// <summary>
    /// madd-2007-bl, this + (qx, qy) for an affine q (8M + 3S, with Z3 = Z·(H + H)): exact unless this is infinity
    /// or ±q, where H ≡ 0 and so Z3 ≡ 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public JacobianLanes AddMixed(in FieldLanes qx, in FieldLanes qy)
    {
        var z1z1 = FieldLanes.Square(Z);
        var u2 = qx * z1z1;
        var s2 = qy * (Z * z1z1);
        var h = u2 - X;
        var hh = FieldLanes.Square(h);
        var i = FieldLanes.MultiplySmall(hh, 4);
        var j = h * i;
        var r = FieldLanes.TwiceDifference(s2, Y);
        var v = X * i;
        var x3 = FieldLanes.SubtractAndSubtractTwice(FieldLanes.Square(r), j, v);
        var y3 = FieldLanes.SubtractTwice(r * (v - x3), Y * j);
        var z3 = FieldLanes.MultiplyBySum(Z, h, h);
        return new JacobianLanes(x3, y3, z3);
    }

    /// <summary>Per lane: mask all ones picks a, all zeros picks b.</summary>
    public static JacobianLanes Select(Vector512<ulong> mask, in JacobianLanes a, in JacobianLanes b) => new(
        FieldLanes.Select(mask, a.X, b.X),
        FieldLanes.Select(mask, a.Y, b.Y),
        FieldLanes.Select(mask, a.Z, b.Z));

    /// <summary>Lane <paramref name="lane"/> as a scalar Jacobian point (Z ≡ 0 becomes the canonical infinity).</summary>
    public JacobianPoint GetPoint(int lane)
    {
        var z = Z.GetElement(lane);
        return z.IsZero ? JacobianPoint.Infinity : new JacobianPoint(X.GetElement(lane), Y.GetElement(lane), z);
    }
}
