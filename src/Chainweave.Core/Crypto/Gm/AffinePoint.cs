namespace Chainweave.Core.Crypto.Gm;

/// <summary>A finite point (x, y) of the SM2 curve y^2 = x^3 - 3x + b; the point at infinity has no affine form.</summary>
internal readonly struct AffinePoint(FieldElement x, FieldElement y)
{
    public readonly FieldElement X = x;
    public readonly FieldElement Y = y;

    public AffinePoint Negate() => new(X, -Y);

    public bool IsOnCurve()
    {
        var right = ((X.Square() - Sm2Curve.Three) * X) + Sm2Curve.B;
        return Y.Square() == right;
    }

    public JacobianPoint ToJacobian() => new(X, Y, FieldElement.One);

    /// <summary>Reads x || y (64 bytes, big-endian); false unless both are below p and the point is on the curve.</summary>
    public static bool TryRead(ReadOnlySpan<byte> xy, out AffinePoint point)
    {
        point = default;
        if (xy.Length != 64 || !FieldElement.TryRead(xy[..32], out var x) || !FieldElement.TryRead(xy[32..], out var y))
        {
            return false;
        }

        point = new AffinePoint(x, y);
        return point.IsOnCurve();
    }

    public void Write(Span<byte> xy)
    {
        X.Write(xy[..32]);
        Y.Write(xy[32..64]);
    }
}
