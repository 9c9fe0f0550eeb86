namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Precomputed multiples of the base point G, built once per process on first use and never changed:
/// the signed-window table (j·2^(7i)·G for every 7-bit window i and j = 1..64) for constant-time k·G,
/// and odd multiples of 2^(32i)·G for the verifier's width-10 wNAF over 32-bit parts of a scalar.
/// </summary>
internal sealed class BasePointTables
{
    public const int WindowBits = 7;

    /// <summary>256 bits in 7-bit windows, the top one wide enough for the recoding's last carry.</summary>
    public const int Windows = 37;

    /// <summary>Signed digits lie in [-64, 64]; the table holds the multiples 1..64 of each window's base.</summary>
    public const int EntriesPerWindow = 1 << (WindowBits - 1);

    public const int GeneratorWnafWidth = 10;

    /// <summary>Scalars in the verifier are split into this many parts of <see cref="PartBits"/> bits.</summary>
    public const int SplitParts = 8;

    public const int PartBits = 256 / SplitParts;

    private static readonly Lazy<BasePointTables> Shared = new(() => new BasePointTables());

    private BasePointTables()
    {
        var jacobian = new JacobianPoint[Windows * EntriesPerWindow];
        var windowBase = Sm2Curve.G.ToJacobian();
        for (int window = 0; window < Windows; window++)
        {
            var multiple = windowBase;
            for (int digit = 1; digit <= EntriesPerWindow; digit++)
            {
                jacobian[(window * EntriesPerWindow) + digit - 1] = multiple;
                multiple = multiple.Add(windowBase);
            }

            for (int i = 0; i < WindowBits; i++)
            {
                windowBase = windowBase.Double();
            }
        }

        SignedWindow = new AffinePoint[jacobian.Length];
        JacobianPoint.ToAffine(jacobian, SignedWindow);
        SplitOddMultiples = SplitOddMultiplesOf(Sm2Curve.G, GeneratorWnafWidth);
    }

    public static BasePointTables Instance => Shared.Value;

    /// <summary>Entry [window · 64 + j - 1] is j·2^(7·window)·G.</summary>
    public AffinePoint[] SignedWindow { get; }

    /// <summary>See <see cref="SplitOddMultiplesOf"/>, for G with width 10.</summary>
    public AffinePoint[] SplitOddMultiples { get; }

    /// <summary>
    /// The odd multiples of 2^(32·part)·P for a width-<paramref name="width"/> wNAF of each 32-bit part of a
    /// scalar: entry [part · 2^(width-2) + i] is (2i + 1)·2^(32·part)·P. Splitting the scalar into eight
    /// parts cuts the doublings of a multiplication from 256 to 32.
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

            for (int i = 0; i < PartBits; i++)
            {
                partBase = partBase.Double();
            }
        }

        var affine = new AffinePoint[jacobian.Length];
        JacobianPoint.ToAffine(jacobian, affine);
        return affine;
    }
}
