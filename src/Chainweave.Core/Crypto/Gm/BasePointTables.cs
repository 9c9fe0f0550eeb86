namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Precomputed multiples of the base point G, built once per process on first use and never changed:
/// the fixed-window table (j·16^i·G for every 4-bit window i and digit j = 1..15) for constant-time k·G,
/// and odd multiples of G, 2^64·G, 2^128·G, 2^192·G for the verifier's width-7 wNAF.
/// </summary>
internal sealed class BasePointTables
{
    public const int Windows = 64;
    public const int DigitsPerWindow = 15;
    public const int GeneratorWnafWidth = 7;

    /// <summary>Scalars in the verifier are split into this many 64-bit limbs.</summary>
    public const int SplitParts = 4;

    private static readonly Lazy<BasePointTables> Shared = new(() => new BasePointTables());

    private BasePointTables()
    {
        var jacobian = new JacobianPoint[Windows * DigitsPerWindow];
        var windowBase = Sm2Curve.G.ToJacobian();
        for (int window = 0; window < Windows; window++)
        {
            var multiple = windowBase;
            for (int digit = 1; digit <= DigitsPerWindow; digit++)
            {
                jacobian[(window * DigitsPerWindow) + digit - 1] = multiple;
                multiple = multiple.Add(windowBase);
            }

            windowBase = windowBase.Double().Double().Double().Double();
        }

        FixedWindow = new AffinePoint[jacobian.Length];
        JacobianPoint.ToAffine(jacobian, FixedWindow);
        SplitOddMultiples = SplitOddMultiplesOf(Sm2Curve.G, GeneratorWnafWidth);
    }

    public static BasePointTables Instance => Shared.Value;

    /// <summary>Entry [window · 15 + digit - 1] is digit·16^window·G.</summary>
    public AffinePoint[] FixedWindow { get; }

    /// <summary>See <see cref="SplitOddMultiplesOf"/>, for G with width 7.</summary>
    public AffinePoint[] SplitOddMultiples { get; }

    /// <summary>
    /// The odd multiples of P, 2^64·P, 2^128·P and 2^192·P for a width-<paramref name="width"/> wNAF of each
    /// 64-bit limb of a scalar: entry [part · 2^(width-2) + i] is (2i + 1)·2^(64·part)·P. Splitting the scalar
    /// into limbs cuts the doublings of a multiplication from 256 to 64.
    /// </summary>
    public static AffinePoint[] SplitOddMultiplesOf(in AffinePoint point, int width)
    {
        int perPart = 1 << (width - 2);
        var jacobian = new JacobianPoint[SplitParts * perPart];
        var partBase = point.ToJacobian();
        for (int part = 0; part < SplitParts; part++)
        {
            var doubled = partBase.Double();
            jacobian[part * perPart] = partBase;
            for (int i = 1; i < perPart; i++)
            {
                jacobian[(part * perPart) + i] = jacobian[(part * perPart) + i - 1].Add(doubled);
            }

            for (int i = 0; i < 64; i++)
            {
                partBase = partBase.Double();
            }
        }

        var affine = new AffinePoint[jacobian.Length];
        JacobianPoint.ToAffine(jacobian, affine);
        return affine;
    }
}
