namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// A point in Jacobian coordinates (X/Z^2, Y/Z^3); Z = 0 is the point at infinity. The Add* methods that
/// handle special cases branch on them and serve public data only; the constant-time path uses
/// <see cref="AddMixedUnchecked"/> and selects around its exceptions itself.
/// </summary>
internal readonly struct JacobianPoint(FieldElement x, FieldElement y, FieldElement z)
{
    public readonly FieldElement X = x;
    public readonly FieldElement Y = y;
    public readonly FieldElement Z = z;

    public static JacobianPoint Infinity => new(FieldElement.One, FieldElement.One, FieldElement.Zero);

    public bool IsInfinity => Z.IsZero;

    /// <summary>dbl-2001-b for a = -3; infinity doubles to infinity (Z stays 0).</summary>
    public JacobianPoint Double()
    {
        var delta = Z.Square();
        var gamma = Y.Square();
        var beta = X * gamma;
        var t = (X - delta) * (X + delta);
        var alpha = t.Double() + t;
        var fourBeta = beta.Double().Double();
        var x3 = alpha.Square() - fourBeta.Double();
        var z3 = (Y + Z).Square() - gamma - delta;
        var eightGammaSquared = gamma.Square().Double().Double().Double();
        var y3 = (alpha * (fourBeta - x3)) - eightGammaSquared;
        return new JacobianPoint(x3, y3, z3);
    }

    /// <summary>madd-2007-bl: this + q without special cases (wrong when this is infinity or ±q).</summary>
    public JacobianPoint AddMixedUnchecked(in AffinePoint q, out FieldElement h, out FieldElement r)
    {
        var z1z1 = Z.Square();
        var u2 = q.X * z1z1;
        var s2 = q.Y * Z * z1z1;
        h = u2 - X;
        var hh = h.Square();
        var i = hh.Double().Double();
        var j = h * i;
        r = (s2 - Y).Double();
        var v = X * i;
        var x3 = r.Square() - j - v.Double();
        var y3 = (r * (v - x3)) - (Y * j).Double();
        var z3 = (Z + h).Square() - z1z1 - hh;
        return new JacobianPoint(x3, y3, z3);
    }

    /// <summary>this + q for public points, every case handled.</summary>
    public JacobianPoint AddMixed(in AffinePoint q)
    {
        if (IsInfinity)
        {
            return q.ToJacobian();
        }

        var sum = AddMixedUnchecked(q, out var h, out var r);
        if (h.IsZero)
        {
            return r.IsZero ? q.ToJacobian().Double() : Infinity;
        }

        return sum;
    }

    /// <summary>add-2007-bl for public points, every case handled.</summary>
    public JacobianPoint Add(in JacobianPoint q)
    {
        if (IsInfinity)
        {
            return q;
        }

        if (q.IsInfinity)
        {
            return this;
        }

        var z1z1 = Z.Square();
        var z2z2 = q.Z.Square();
        var u1 = X * z2z2;
        var u2 = q.X * z1z1;
        var s1 = Y * q.Z * z2z2;
        var s2 = q.Y * Z * z1z1;
        var h = u2 - u1;
        var r = (s2 - s1).Double();
        if (h.IsZero)
        {
            return r.IsZero ? Double() : Infinity;
        }

        var i = h.Double().Square();
        var j = h * i;
        var v = u1 * i;
        var x3 = r.Square() - j - v.Double();
        var y3 = (r * (v - x3)) - (s1 * j).Double();
        var z3 = ((Z + q.Z).Square() - z1z1 - z2z2) * h;
        return new JacobianPoint(x3, y3, z3);
    }

    /// <summary>The affine form of a finite point (constant time: one Fermat inversion).</summary>
    public AffinePoint ToAffine()
    {
        var zInverse = Z.Invert();
        var zInverseSquared = zInverse.Square();
        return new AffinePoint(X * zInverseSquared, Y * zInverseSquared * zInverse);
    }

    /// <summary>The affine x of a finite point, X/Z^2 (constant time: one Fermat inversion).</summary>
    public FieldElement AffineX() => X * Z.Square().Invert();

    /// <summary>Affine forms of many finite points with one inversion (Montgomery's trick).</summary>
    public static void ToAffine(ReadOnlySpan<JacobianPoint> points, Span<AffinePoint> destination)
    {
        var prefix = new FieldElement[points.Length];
        var running = FieldElement.One;
        for (int i = 0; i < points.Length; i++)
        {
            prefix[i] = running;
            running *= points[i].Z;
        }

        var inverse = running.Invert();
        for (int i = points.Length - 1; i >= 0; i--)
        {
            var zInverse = inverse * prefix[i];
            inverse *= points[i].Z;
            var zInverseSquared = zInverse.Square();
            destination[i] = new AffinePoint(points[i].X * zInverseSquared, points[i].Y * zInverseSquared * zInverse);
        }
    }
}
