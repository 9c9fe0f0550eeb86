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

    /// <summary>
    /// Reads a compressed point 02/03 || x (33 bytes): y is the square root of x^3 - 3x + b whose parity the
    /// prefix gives (p ≡ 3 mod 4, so the root is a power). False for another prefix, x not below p, or an x
    /// with no point. The curve has no point with y = 0 (its order is odd), so both parities always exist.
    /// </summary>
    public static bool TryReadCompressed(ReadOnlySpan<byte> compressed, out AffinePoint point)
    {
        point = default;
        if (compressed.Length != 33 || (compressed[0] != 0x02 && compressed[0] != 0x03) || !FieldElement.TryRead(compressed[1..], out var x))
        {
            return false;
        }

        var right = ((x.Square() - Sm2Curve.Three) * x) + Sm2Curve.B;
        if (!right.TrySquareRoot(out var y))
        {
            return false;
        }

        bool wantOdd = compressed[0] == 0x03;
        point = new AffinePoint(x, y.ToInteger().IsOdd == wantOdd ? y : -y);
        return true;
    }

    /// <summary>Writes 02/03 (the parity of y) || x, 33 bytes.</summary>
    public void WriteCompressed(Span<byte> compressed)
    {
        compressed[0] = (byte)(Y.ToInteger().IsOdd ? 0x03 : 0x02);
        X.Write(compressed[1..33]);
    }

    public void Write(Span<byte> xy)
    {
        X.Write(xy[..32]);
        Y.Write(xy[32..64]);
    }
}
